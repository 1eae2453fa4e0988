namespace GridAspire.KvNode.Replication;

/// <summary>
/// The writes this node originated, by sequence number (1-based). Each peer's acknowledged position is its
/// resume point: everything after it is re-sent until acknowledged. Not thread-safe: the node serialises access.
/// </summary>
public sealed class OwnWriteLog
{
    private readonly List<ReplicatedWrite> _writes = [];

    /// <summary>Sequence number of the newest own write; zero when none.</summary>
    public long LastSequence => _writes.Count;

    /// <summary>Appends the next own write; its sequence must follow the last one.</summary>
    public void Append(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Sequence != LastSequence + 1)
        {
            throw new InvalidOperationException(
                $"Own write {write.Sequence} does not follow {LastSequence}: sequence numbers must never be reused or skipped.");
        }

        _writes.Add(write);
    }

    /// <summary>Up to <paramref name="max"/> writes after sequence <paramref name="acknowledged"/>.</summary>
    public IReadOnlyList<ReplicatedWrite> After(long acknowledged, int max)
    {
        var start = (int)Math.Clamp(acknowledged, 0, _writes.Count);
        return _writes.GetRange(start, Math.Min(max, _writes.Count - start));
    }
}
