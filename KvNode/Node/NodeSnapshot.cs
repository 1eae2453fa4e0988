using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>A consistent view of the node's causal state at one instant.</summary>
/// <param name="Clock">Delivered clock.</param>
/// <param name="Buffered">Writes waiting for their causal past.</param>
/// <param name="OwnWrites">Sequence number of the newest own write.</param>
/// <param name="Keys">Keys held, tombstones included.</param>
/// <param name="Tombstones">Keys held as deletes, waiting to become causally stable and be forgotten.</param>
/// <param name="RecentDeliveries">The latest peer writes delivered here, oldest first.</param>
/// <param name="JournalWaiting">Log records appended and not yet on disk.</param>
/// <param name="RetiredIncarnations">Clock entries of incarnations lost with a disk.</param>
/// <param name="PrunedIncarnations">Of those, the ones every node has all writes of: new writes leave them out of their clocks.</param>
public sealed record NodeSnapshot(
    VectorClock Clock,
    IReadOnlyList<ReplicatedWrite> Buffered,
    long OwnWrites,
    int Keys,
    int Tombstones,
    IReadOnlyList<ReplicatedWrite> RecentDeliveries,
    long JournalWaiting,
    int RetiredIncarnations = 0,
    int PrunedIncarnations = 0);
