using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Storage;

/// <summary>The version of a key a node currently exposes (a value: a large store holds one per key).</summary>
/// <param name="Write">The write that produced it.</param>
/// <param name="SupersededConcurrent">True when a concurrent write to the key lost to this one on this node.</param>
public readonly record struct StoredVersion(ReplicatedWrite Write, bool SupersededConcurrent)
{
    /// <summary>The key.</summary>
    public string Key => Write.Key;

    /// <summary>The value; null when the key was deleted.</summary>
    public string? Value => Write.Value;

    /// <summary>The clock of the write that produced this version.</summary>
    public VectorClock Clock => Write.Clock;

    /// <summary>True when this version is a delete.</summary>
    public bool IsTombstone => Write.IsDelete;

    /// <summary>This version as the API shows it, answered by <paramref name="node"/>.</summary>
    public KvItem ToItem(string node) => new(Key, Value, Clock, node, Write.Origin, IsTombstone, SupersededConcurrent);
}
