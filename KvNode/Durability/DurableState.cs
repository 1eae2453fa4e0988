using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>A snapshot of everything a node must remember across a restart (peers re-send whatever was buffered).</summary>
/// <param name="Clock">Delivered clock.</param>
/// <param name="Lamport">Lamport clock.</param>
/// <param name="OwnWritesBase">Sequence of the last own write already trimmed from <paramref name="OwnWrites"/>.</param>
/// <param name="OwnWrites">Own writes not yet acknowledged by every peer.</param>
/// <param name="Acked">Each peer's acknowledged position.</param>
/// <param name="Versions">The store, tombstones included; read once, while the snapshot is written.</param>
/// <param name="NextSegment">The first log segment written after this state; older segments are covered by it.</param>
/// <param name="Writer">The clock entry this node writes under; null for its first incarnation (its node id).</param>
/// <param name="Incarnations">The newest incarnation each peer announced when it started empty.</param>
/// <param name="Removed">The members removed from the cluster for good (null: none).</param>
/// <param name="Joined">The members that joined after the configured ones, with their addresses (null: none).</param>
/// <param name="Unsettled">True when the node had started empty and not yet decided which entry it writes under (null: it had).</param>
public sealed record DurableState(
    VectorClock Clock,
    long Lamport,
    long OwnWritesBase,
    IReadOnlyList<ReplicatedWrite> OwnWrites,
    IReadOnlyDictionary<string, long> Acked,
    IEnumerable<DurableVersion> Versions,
    long NextSegment = 0,
    string? Writer = null,
    IReadOnlyDictionary<string, int>? Incarnations = null,
    bool? Unsettled = null,
    IReadOnlyList<string>? Removed = null,
    IReadOnlyDictionary<string, Uri>? Joined = null);
