using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// Where a node records what it must not forget. The node appends under its lock, in apply order; appending only
/// assigns a position. Whoever must not acknowledge before the disk has the record waits for that position
/// outside the lock (<see cref="WhenDurable"/>), so many writes share one flush and nothing waits on the disk
/// while holding the node.
/// </summary>
public interface INodeJournal
{
    /// <summary>True when the journal held nothing from an earlier run.</summary>
    bool StartedEmpty { get; }

    /// <summary>What an earlier run left: the last snapshot (if any) and the records after it.</summary>
    (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover();

    /// <summary>Records an own or delivered write, or an acknowledgement, and returns its position.</summary>
    long Append(LogRecord record);

    /// <summary>Position of the last record appended.</summary>
    long Appended { get; }

    /// <summary>Position up to which every record is on disk.</summary>
    long Durable { get; }

    /// <summary>Completes when every record up to <paramref name="position"/> is on disk; faults if the disk failed.</summary>
    Task WhenDurable(long position);

    /// <summary>Pulses whenever <see cref="Durable"/> moves (or the journal fails).</summary>
    AsyncSignal Flushed { get; }

    /// <summary>Why the journal stopped making records durable, or null while it works.</summary>
    Exception? Failure { get; }

    /// <summary>True when enough records have accumulated to compact them into a snapshot and none is being written.</summary>
    bool WantsSnapshot { get; }

    /// <summary>
    /// Starts a snapshot of <paramref name="state"/>, which must be the node's state right after the last appended
    /// record. Returns at once: the state is written in the background, then the log before it is deleted, and
    /// <paramref name="release"/> runs once <paramref name="state"/> is no longer read.
    /// </summary>
    Task<SnapshotWritten> Snapshot(DurableState state, Action release);
}
