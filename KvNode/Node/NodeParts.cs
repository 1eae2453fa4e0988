using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Node;

/// <summary>
/// The parts of a node's state, handed to code that runs under the node's lock (<see cref="CausalNode.Change{T}"/>):
/// each part owns its fields; whoever holds these holds the lock.
/// </summary>
/// <param name="Replica">The delivered state: clock, buffer, store, tombstones, peers' clocks.</param>
/// <param name="OwnWrites">This node's writes some peer may still need.</param>
/// <param name="Acks">How far each peer has delivered them.</param>
/// <param name="Incarnations">Which incarnation this node writes as, and what it knows of everyone's.</param>
/// <param name="Capture">Lends the store, frozen, to a snapshot or a state transfer.</param>
/// <param name="Journal">The write-ahead log: append only, never wait, under the lock.</param>
/// <param name="Members">The members, and which were removed.</param>
internal readonly record struct NodeParts(
    Replica Replica,
    OwnWriteLog OwnWrites,
    PeerAcknowledgements Acks,
    IncarnationState Incarnations,
    StoreCapture Capture,
    INodeJournal Journal,
    ClusterMembers Members)
{
    /// <summary>Every other member still in the cluster.</summary>
    public IReadOnlyList<string> Peers => Members.Peers;

    /// <summary>
    /// Under the lock: what a snapshot keeps, with the store captured (frozen until <see cref="StoreCapture.Release"/>),
    /// so this costs O(own writes not yet everywhere), not O(store). Only when no capture is <see cref="StoreCapture.Busy"/>.
    /// </summary>
    public DurableState CaptureDurableState(string nodeId)
    {
        var versions = Capture.TryCapture()!;
        var writer = Incarnations.Writer;
        return new DurableState(
            Replica.Clock,
            Replica.Lamport,
            OwnWrites.Base,
            [.. OwnWrites.Pending],
            new Dictionary<string, long>(Acks.All, StringComparer.Ordinal),
            versions.Select(v => new DurableVersion(v.Write, v.SupersededConcurrent)),
            Writer: writer == nodeId ? null : writer,
            Incarnations: new Dictionary<string, int>(Incarnations.Book.Announced, StringComparer.Ordinal),
            Unsettled: Incarnations.Settled ? null : true,
            Removed: Members.RemovedList,
            Joined: Members.Joined);
    }
}
