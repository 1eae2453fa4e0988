namespace GridAspire.KvNode.Replication;

/// <summary>The wire contract between nodes: where batches go. The records are <see cref="ReplicationBatch"/> and <see cref="ReplicationAck"/>.</summary>
public static class ReplicationProtocol
{
    /// <summary>Path peers post batches to (cluster key required).</summary>
    public const string ReplicatePath = "/internal/replicate";

    /// <summary>Path a node posts a <see cref="StateRequest"/> to, answered with a <see cref="StateTransfer"/> (cluster key required).</summary>
    public const string StatePath = "/internal/state";

    /// <summary>Path a node that starts empty posts its <see cref="IncarnationNotice"/> to (cluster key required).</summary>
    public const string IncarnationPath = "/internal/incarnation";

    /// <summary>Path of a node's causal state, which a starting node reads from its peers.</summary>
    public const string StatusPath = "/status";
}
