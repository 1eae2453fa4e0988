using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>One stored version in a snapshot.</summary>
/// <param name="Write">The write that produced it.</param>
/// <param name="SupersededConcurrent">Whether a concurrent write lost to it.</param>
public sealed record DurableVersion(ReplicatedWrite Write, bool SupersededConcurrent);
