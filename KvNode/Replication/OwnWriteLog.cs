using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// The writes this node originated that some peer may still need, by sequence number (1-based), each with the
/// journal position that makes it durable. Each peer's acknowledged position is its resume point: everything after
/// it that is on disk is (re-)sent until acknowledged; a write is never sent before it is durable here, so a crash
/// can never leave a peer holding a (node, counter) pair this node has forgotten. Writes every peer has acknowledged
/// are trimmed, so the log stays as long as the slowest peer is behind. Not thread-safe: the node serialises access.
/// </summary>
public sealed class OwnWriteLog
{
    private readonly List<ReplicatedWrite> _writes = [];
    private readonly List<long> _positions = [];

    /// <summary>Sequence of the last trimmed write; zero when nothing was trimmed.</summary>
    public long Base { get; private set; }

    /// <summary>Sequence number of the newest own write; zero when none.</summary>
    public long LastSequence => Base + _writes.Count;

    /// <summary>The writes not yet trimmed, oldest first.</summary>
    public IReadOnlyList<ReplicatedWrite> Pending => _writes;

    /// <summary>Appends the next own write, durable once the journal reaches <paramref name="position"/>.</summary>
    public void Append(ReplicatedWrite write, long position)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Sequence != LastSequence + 1)
        {
            throw new InvalidOperationException(
                $"Own write {write.Sequence} does not follow {LastSequence}: sequence numbers must never be reused or skipped.");
        }

        _writes.Add(write);
        _positions.Add(position);
    }

    /// <summary>
    /// Most characters of values one batch of writes carries, unless its first write alone has more: JSON-escaped at
    /// worst six-fold, a batch then stays within a replication frame (<see cref="PeerConnection.MaxFrameBytes"/>), even
    /// with multi-key writes of several MiB each.
    /// </summary>
    public const long MaxBatchValueChars = 4 * 1024 * 1024;

    /// <summary>
    /// Up to <paramref name="max"/> writes after sequence <paramref name="acknowledged"/> whose journal position is at
    /// most <paramref name="durable"/>, and no more of their values than <see cref="MaxBatchValueChars"/> (at least one
    /// write). A peer behind the trimmed base (it lost its own data) gets what is left.
    /// </summary>
    public IReadOnlyList<ReplicatedWrite> After(long acknowledged, int max, long durable)
    {
        var start = (int)Math.Clamp(acknowledged - Base, 0, _writes.Count);
        var count = 0;
        long chars = 0;
        while (count < max && start + count < _writes.Count && _positions[start + count] <= durable)
        {
            chars += _writes[start + count].ValueChars;
            if (count > 0 && chars > MaxBatchValueChars)
            {
                break;
            }

            count++;
        }

        return count == 0 ? [] : _writes.GetRange(start, count);
    }

    /// <summary>The journal position of own write <paramref name="sequence"/>; zero once trimmed (long durable).</summary>
    public long PositionOf(long sequence)
    {
        var index = sequence - Base - 1;
        return index >= 0 && index < _writes.Count ? _positions[(int)index] : 0;
    }

    /// <summary>Forgets every write up to and including <paramref name="sequence"/>: every peer has it.</summary>
    public void TrimThrough(long sequence)
    {
        var count = (int)Math.Clamp(sequence - Base, 0, _writes.Count);
        _writes.RemoveRange(0, count);
        _positions.RemoveRange(0, count);
        Base += count;
    }

    /// <summary>Restores the log from a snapshot; restored writes are durable.</summary>
    public void Restore(long trimmedBase, IEnumerable<ReplicatedWrite> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        _writes.Clear();
        _positions.Clear();
        Base = trimmedBase;
        foreach (var write in pending)
        {
            Append(write, 0);
        }
    }
}
