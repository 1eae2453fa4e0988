using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>What a peer link needs from the node whose own writes it replicates.</summary>
public interface IReplicationSource
{
    /// <summary>The node's id.</summary>
    string NodeId { get; }

    /// <summary>The clock entry the node's own writes go under (its id, or a new incarnation of it after a lost disk).</summary>
    string WriterId { get; }

    /// <summary>The node's delivered clock now.</summary>
    VectorClock Clock { get; }

    /// <summary>Sequence number of the node's newest own write.</summary>
    long OwnWrites { get; }

    /// <summary>Pulses when more own writes may have become durable, and so sendable.</summary>
    AsyncSignal OwnWritesDurable { get; }

    /// <summary>The highest own write <paramref name="peer"/> has acknowledged, as remembered across restarts.</summary>
    long AckedBy(string peer);

    /// <summary>Up to <paramref name="max"/> durable own writes after sequence <paramref name="acknowledged"/>.</summary>
    IReadOnlyList<ReplicatedWrite> OwnWritesAfter(long acknowledged, int max);

    /// <summary>
    /// Records that <paramref name="peer"/> delivered the writes of clock entry <paramref name="writer"/> up to
    /// <paramref name="acked"/>, so what every peer has can be trimmed. Ignored when <paramref name="writer"/> is no longer
    /// the entry this node writes under (it rejoined as a new incarnation meanwhile).
    /// </summary>
    void RecordAck(string peer, string writer, long acked);

    /// <summary>
    /// Records the delivered clock <paramref name="peer"/> reported, so deletes it covers can become causally stable
    /// and their tombstones be forgotten.
    /// </summary>
    void ObservePeerClock(string peer, VectorClock delivered);

    /// <summary>
    /// True while deletes wait to become stable, or nodes may disagree on a lost incarnation's writes: idle links then
    /// ask their peer for its clock now and then.
    /// </summary>
    bool WantsPeerClocks { get; }

    /// <summary>The members removed from the cluster as this node knows them, null while none: passed on with every frame.</summary>
    IReadOnlyList<string>? Removed { get; }

    /// <summary>The members that joined after the configured ones, null while none: passed on with every frame.</summary>
    IReadOnlyDictionary<string, Uri>? Joined { get; }

    /// <summary>Every other member still in the cluster, in id order.</summary>
    IReadOnlyList<string> Peers { get; }

    /// <summary>Where <paramref name="member"/> serves, when known.</summary>
    Uri? AddressOfMember(string member);

    /// <summary>Pulses whenever the membership changed here: links to new members start, links to removed ones stop.</summary>
    AsyncSignal MembershipChanged { get; }

    /// <summary>True when <paramref name="member"/> was removed from the cluster.</summary>
    bool IsRemoved(string member);

    /// <summary>Takes the membership changes <paramref name="from"/> says it knows of (on its stream's frames and answers).</summary>
    void LearnMembership(IReadOnlyList<string>? removed, IReadOnlyDictionary<string, Uri>? joined, string from);
}
