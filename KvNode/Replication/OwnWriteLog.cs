namespace GridAspire.KvNode.Replication;

/// <summary>
/// The writes this node originated that some peer may still need, by sequence number (1-based). Each peer's
/// acknowledged position is its resume point: everything after it is re-sent until acknowledged. Writes every
/// peer has acknowledged are trimmed, so the log stays as long as the slowest peer is behind.
/// Not thread-safe: the node serialises access.
/// </summary>
public sealed class OwnWriteLog
{
    private readonly List<ReplicatedWrite> _writes = [];

    /// <summary>Sequence of the last trimmed write; zero when nothing was trimmed.</summary>
    public long Base { get; private set; }

    /// <summary>Sequence number of the newest own write; zero when none.</summary>
    public long LastSequence => Base + _writes.Count;

    /// <summary>The writes not yet trimmed, oldest first.</summary>
    public IReadOnlyList<ReplicatedWrite> Pending => _writes;

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

    /// <summary>
    /// Up to <paramref name="max"/> writes after sequence <paramref name="acknowledged"/>. A peer behind the trimmed
    /// base (it lost its own data) can only be sent what is left.
    /// </summary>
    public IReadOnlyList<ReplicatedWrite> After(long acknowledged, int max)
    {
        var start = (int)Math.Clamp(acknowledged - Base, 0, _writes.Count);
        return _writes.GetRange(start, Math.Min(max, _writes.Count - start));
    }

    /// <summary>Forgets every write up to and including <paramref name="sequence"/>: every peer has it.</summary>
    public void TrimThrough(long sequence)
    {
        var count = (int)Math.Clamp(sequence - Base, 0, _writes.Count);
        _writes.RemoveRange(0, count);
        Base += count;
    }

    /// <summary>Restores the log from a snapshot.</summary>
    public void Restore(long trimmedBase, IEnumerable<ReplicatedWrite> pending)
    {
        _writes.Clear();
        Base = trimmedBase;
        foreach (var write in pending)
        {
            Append(write);
        }
    }
}
