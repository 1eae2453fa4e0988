namespace GridAspire.KvNode.Durability;

/// <summary>Where a node records what it must not forget. The node calls it under its lock, in apply order.</summary>
public interface INodeJournal
{
    /// <summary>True when the journal holds nothing from an earlier run.</summary>
    bool StartedEmpty { get; }

    /// <summary>What an earlier run left: the last snapshot (if any) and the records after it.</summary>
    (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover();

    /// <summary>Records an own or delivered write, or an acknowledgement.</summary>
    void Append(LogRecord record);

    /// <summary>Makes what was appended durable according to the fsync policy; call before acknowledging.</summary>
    void Commit();

    /// <summary>True when enough records have accumulated to compact them into a snapshot.</summary>
    bool WantsSnapshot { get; }

    /// <summary>Replaces the log with a snapshot of <paramref name="state"/>.</summary>
    void Snapshot(DurableState state);
}
