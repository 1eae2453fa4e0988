namespace GridAspire.Contracts.Kv;

/// <summary>
/// Answer of <c>POST /batch/read</c>: every key's value as one node had delivered it at one instant. A node delivers
/// writes in causal order, so what it has delivered is a causal cut: no value here is missing a write it depends on,
/// as far as the keys read go.
/// </summary>
/// <param name="Values">Each key's value; null when the key does not exist or was deleted.</param>
/// <param name="Versions">The version behind each key that has one (deletes included: <c>deleted</c> is true).</param>
/// <param name="Node">The node that answered.</param>
/// <param name="Cut">The node's delivered clock at the instant of the read: the cut the values come from.</param>
public sealed record KvBatchReadResult(
    IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, KvItem> Versions, string Node, VectorClock Cut);
