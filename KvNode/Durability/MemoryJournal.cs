namespace GridAspire.KvNode.Durability;

/// <summary>No <c>Kv:DataDir</c>: nothing is kept, and a restarted node starts empty (it then checks its peers).</summary>
public sealed class MemoryJournal : INodeJournal
{
    /// <inheritdoc/>
    public bool StartedEmpty => true;

    /// <inheritdoc/>
    public bool WantsSnapshot => false;

    /// <inheritdoc/>
    public (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover() => (null, []);

    /// <inheritdoc/>
    public void Append(LogRecord record)
    {
    }

    /// <inheritdoc/>
    public void Commit()
    {
    }

    /// <inheritdoc/>
    public void Snapshot(DurableState state)
    {
    }
}
