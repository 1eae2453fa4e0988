namespace GridAspire.Contracts.Kv;

/// <summary>A key's version as a node exposes it: the body of a successful <c>GET|PUT|DELETE /kv/{key}</c>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value; null when deleted.</param>
/// <param name="Clock">Vector clock of the write that produced this version.</param>
/// <param name="Node">The node that answered.</param>
/// <param name="Origin">The node (clock entry) that accepted the write.</param>
/// <param name="Deleted">True when the version is a delete (tombstone).</param>
/// <param name="SupersededConcurrent">True when a concurrent write to this key lost to this version (last writer wins).</param>
public sealed record KvItem(
    string Key, string? Value, VectorClock Clock, string Node, string Origin, bool Deleted, bool SupersededConcurrent);
