using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>No <c>Kv:DataDir</c>: nothing is kept, and a restarted node starts empty (it then checks its peers).</summary>
public sealed class MemoryJournal : INodeJournal
{
    private long _appended;

    /// <inheritdoc/>
    public bool StartedEmpty => true;

    /// <inheritdoc/>
    public bool WantsSnapshot => false;

    /// <inheritdoc/>
    public long Appended => Volatile.Read(ref _appended);

    /// <inheritdoc/>
    public long Durable => Appended;

    /// <inheritdoc/>
    public AsyncSignal Flushed { get; } = new();

    /// <inheritdoc/>
    public Exception? Failure => null;

    /// <inheritdoc/>
    public (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover() => (null, []);

    /// <inheritdoc/>
    public long Append(LogRecord record)
    {
        var position = Interlocked.Increment(ref _appended);
        Flushed.Pulse();
        return position;
    }

    /// <inheritdoc/>
    public Task WhenDurable(long position) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<SnapshotWritten> Snapshot(DurableState state, Action release)
    {
        ArgumentNullException.ThrowIfNull(release);
        release();
        return Task.FromResult(new SnapshotWritten(0, 0, TimeSpan.Zero));
    }
}
