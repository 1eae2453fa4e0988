using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>One stored version in a snapshot (a value, so streaming a large store allocates nothing per key).</summary>
/// <param name="Write">The write that produced it.</param>
/// <param name="SupersededConcurrent">Whether a concurrent write lost to it.</param>
public readonly record struct DurableVersion(ReplicatedWrite Write, bool SupersededConcurrent);
