namespace GridAspire.KvNode.Durability;

/// <summary>What one snapshot wrote.</summary>
/// <param name="Records">Log records it replaced.</param>
/// <param name="Bytes">Size of the snapshot file.</param>
/// <param name="Duration">From the start of writing until the old log was deleted.</param>
public sealed record SnapshotWritten(long Records, long Bytes, TimeSpan Duration);
