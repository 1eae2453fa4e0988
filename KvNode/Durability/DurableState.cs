using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Durability;

/// <summary>A snapshot of everything a node must remember across a restart (peers re-send whatever was buffered).</summary>
/// <param name="Clock">Delivered clock.</param>
/// <param name="Lamport">Lamport clock.</param>
/// <param name="OwnWritesBase">Sequence of the last own write already trimmed from <paramref name="OwnWrites"/>.</param>
/// <param name="OwnWrites">Own writes not yet acknowledged by every peer.</param>
/// <param name="Acked">Each peer's acknowledged position.</param>
/// <param name="Versions">The store, tombstones included.</param>
public sealed record DurableState(
    VectorClock Clock,
    long Lamport,
    long OwnWritesBase,
    IReadOnlyList<ReplicatedWrite> OwnWrites,
    IReadOnlyDictionary<string, long> Acked,
    IReadOnlyList<DurableVersion> Versions);

/// <summary>One stored version in a snapshot.</summary>
/// <param name="Write">The write that produced it.</param>
/// <param name="SupersededConcurrent">Whether a concurrent write lost to it.</param>
public sealed record DurableVersion(ReplicatedWrite Write, bool SupersededConcurrent);
