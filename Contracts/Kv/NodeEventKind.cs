namespace GridAspire.Contracts.Kv;

/// <summary>The kinds of <see cref="NodeEvent"/>.</summary>
public static class NodeEventKind
{
    /// <summary>A client's put or delete was accepted here as this node's next write.</summary>
    public const string Write = "write";

    /// <summary>A client read <see cref="NodeEvent.Key"/> here and saw the write (<see cref="NodeEvent.Origin"/>, <see cref="NodeEvent.Sequence"/>), if any.</summary>
    public const string Read = "read";

    /// <summary>A batch of this node's writes was sent to <see cref="NodeEvent.Peer"/>.</summary>
    public const string Send = "send";

    /// <summary>Fault injection lost a batch to <see cref="NodeEvent.Peer"/> before it left; it will be re-sent.</summary>
    public const string Dropped = "dropped";

    /// <summary>A batch from <see cref="NodeEvent.Peer"/> arrived.</summary>
    public const string Receive = "receive";

    /// <summary>A write arrived before its causal past and waits in the delivery buffer (see <see cref="NodeEvent.Missing"/>).</summary>
    public const string Buffered = "buffered";

    /// <summary>A peer's write passed the delivery rule and is applied and visible here.</summary>
    public const string Delivered = "delivered";

    /// <summary>A re-sent write that was already delivered: acknowledged and dropped.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The delivery buffer was full: a write was turned away, to be re-sent by its origin.</summary>
    public const string Refused = "refused";

    /// <summary>The outgoing link to <see cref="NodeEvent.Peer"/> was held, released or given delays, losses or reordering.</summary>
    public const string Link = "link";

    /// <summary>A request's causal context was not delivered here in time: the client got 409.</summary>
    public const string Behind = "behind";
}
