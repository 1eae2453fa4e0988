using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Api;

/// <summary>A key's version as a node exposes it.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value; null when deleted.</param>
/// <param name="Clock">Vector clock of the write that produced this version.</param>
/// <param name="Node">The node that answered.</param>
/// <param name="Origin">The node that accepted the write.</param>
/// <param name="Deleted">True when the version is a delete (tombstone).</param>
/// <param name="SupersededConcurrent">True when a concurrent write to this key lost to this version (last writer wins).</param>
public sealed record KvItemResponse(
    string Key, string? Value, VectorClock Clock, string Node, string Origin, bool Deleted, bool SupersededConcurrent)
{
    /// <summary>Describes <paramref name="version"/> as seen at <paramref name="node"/>.</summary>
    public static KvItemResponse From(StoredVersion version, string node)
    {
        return new(version.Key, version.Value, version.Clock, node, version.Write.Origin, version.IsTombstone, version.SupersededConcurrent);
    }
}
