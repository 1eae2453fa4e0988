using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>A consistent view of the node's causal state at one instant, for <c>/status</c>.</summary>
/// <param name="Clock">Delivered clock.</param>
/// <param name="Buffered">How many writes wait for their causal past.</param>
/// <param name="BufferedWrites">Those writes, at most <see cref="MaxListed"/> of them (oldest first per origin when all are listed).</param>
/// <param name="OwnWrites">Sequence number of the newest own write.</param>
/// <param name="Keys">Keys held, tombstones included.</param>
/// <param name="Tombstones">Keys held as deletes, waiting to become causally stable and be forgotten.</param>
/// <param name="RecentDeliveries">The latest peer writes delivered here, oldest first.</param>
/// <param name="JournalWaiting">Log records appended and not yet on disk.</param>
/// <param name="OwnWritesKept">Own writes kept until every member has them.</param>
public sealed record NodeStatus(
    VectorClock Clock,
    int Buffered,
    IReadOnlyList<ReplicatedWrite> BufferedWrites,
    long OwnWrites,
    int Keys,
    int Tombstones,
    IReadOnlyList<ReplicatedWrite> RecentDeliveries,
    long JournalWaiting,
    long OwnWritesKept)
{
    /// <summary>Most buffered writes listed: the buffer may hold 100,000, and listing them all would stall the node.</summary>
    public const int MaxListed = 1_000;

    /// <summary>Under the node's lock: the view of <paramref name="parts"/>.</summary>
    internal static NodeStatus Of(NodeParts parts)
    {
        var replica = parts.Replica;
        return new NodeStatus(
            replica.Clock,
            replica.Buffered,
            [.. (replica.Buffered <= MaxListed ? replica.Pending : replica.Unordered.Take(MaxListed)).Select(p => p.Write)],
            parts.OwnWrites.LastSequence,
            replica.Store.Count,
            replica.Store.Tombstones,
            replica.RecentDeliveries,
            parts.Journal.Appended - parts.Journal.Durable,
            parts.OwnWrites.Pending.Count);
    }
}
