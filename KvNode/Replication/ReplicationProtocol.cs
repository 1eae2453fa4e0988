namespace GridAspire.KvNode.Replication;

/// <summary>
/// The wire contract between nodes. A node's own writes go to each peer on one long-lived stream per link
/// (<see cref="StreamPath"/>: a WebSocket whose frames are <see cref="ReplicationBatch"/> one way and
/// <see cref="ReplicationAck"/> the other); the same batch can also be posted once (<see cref="ReplicatePath"/>).
/// </summary>
public static class ReplicationProtocol
{
    /// <summary>Path a peer posts one batch to and is answered with an acknowledgement (cluster key required).</summary>
    public const string ReplicatePath = "/internal/replicate";

    /// <summary>
    /// Path of a link's replication stream (a WebSocket, cluster key required, <c>?from=</c> the sending node): the
    /// receiver first sends what it has delivered, then acknowledges batches as they become durable, several in flight.
    /// </summary>
    public const string StreamPath = "/internal/replicate/stream";

    /// <summary>Path a node posts a <see cref="StateRequest"/> to, answered with a <see cref="StateTransfer"/> (cluster key required).</summary>
    public const string StatePath = "/internal/state";

    /// <summary>Path a node that starts empty posts its <see cref="IncarnationNotice"/> to (cluster key required).</summary>
    public const string IncarnationPath = "/internal/incarnation";

    /// <summary>Path a member posts a <see cref="MembershipNotice"/> to after a membership change there (cluster key required).</summary>
    public const string MembershipPath = "/internal/members/notice";

    /// <summary>Path a new node posts a <see cref="JoinRequest"/> to, answered with a <see cref="JoinAnswer"/> (cluster key required).</summary>
    public const string JoinPath = "/internal/members/join";

    /// <summary>Path of a node's causal state, which a starting node reads from its peers.</summary>
    public const string StatusPath = "/status";
}
