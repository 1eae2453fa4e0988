namespace GridAspire.Contracts.Kv;

/// <summary>
/// Answer of <c>POST /batch/write</c>, sent once the write is durable at the node that took it: one write with one
/// clock, whose every key every node makes visible in one step.
/// </summary>
/// <param name="Versions">The version each key now has (<c>deleted</c> true for the deletes), all with <paramref name="Clock"/>.</param>
/// <param name="Node">The node that took the write.</param>
/// <param name="Clock">The write's vector clock: its one position in causal order.</param>
public sealed record KvBatchWriteResult(IReadOnlyDictionary<string, KvItem> Versions, string Node, VectorClock Clock);
