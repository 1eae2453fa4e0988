using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Tests.Node;

/// <summary>A journal whose disk the test drives: nothing is durable until <see cref="FlushAll"/>.</summary>
internal sealed class ControlledJournal : INodeJournal
{
    private readonly List<(long Position, TaskCompletionSource Durable)> _waiters = [];
    private long _appended;
    private long _durable;

    public bool StartedEmpty => true;

    public long Appended => _appended;

    public long Durable => _durable;

    public AsyncSignal Flushed { get; } = new();

    public Exception? Failure { get; private set; }

    public bool WantsSnapshot => false;

    public List<LogRecord> Records { get; } = [];

    public (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover() => (null, []);

    public long Append(LogRecord record)
    {
        Records.Add(record);
        return ++_appended;
    }

    public Task WhenDurable(long position)
    {
        if (Failure is not null)
        {
            return Task.FromException(new JournalFailedException(Failure));
        }

        if (position <= _durable)
        {
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((position, waiter));
        return waiter.Task;
    }

    public Task<SnapshotWritten> Snapshot(DurableState state, Action release) => throw new NotSupportedException();

    /// <summary>Everything appended so far reaches the disk.</summary>
    public void FlushAll()
    {
        _durable = _appended;
        foreach (var (_, waiter) in _waiters)
        {
            waiter.TrySetResult();
        }

        _waiters.Clear();
        Flushed.Pulse();
    }

    /// <summary>The disk fails.</summary>
    public void Fail(Exception error)
    {
        Failure = error;
        foreach (var (_, waiter) in _waiters)
        {
            waiter.TrySetException(new JournalFailedException(error));
        }
    }
}
