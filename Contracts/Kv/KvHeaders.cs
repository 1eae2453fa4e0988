namespace GridAspire.Contracts.Kv;

/// <summary>HTTP headers of the KV API.</summary>
public static class KvHeaders
{
    /// <summary>
    /// The client's causal context, both ways: sent with a request (the node serves it only once it has delivered
    /// everything the token covers) and returned with every answer (the merge of what the session has seen and written).
    /// An opaque token: keep the last one and send it back.
    /// </summary>
    public const string CausalContext = "X-Causal-Context";

    /// <summary>
    /// On a replication batch: the sender's <c>send</c> event id, so that a watcher of both nodes' events can draw the
    /// message from the send to the receive. Sent only while the sender's events are watched.
    /// </summary>
    public const string SentAs = "X-Kv-Event";
}
