namespace GridAspire.KvNode.Durability;

/// <summary>
/// The hand-over between the node, which appends entries under its lock, and one flusher thread, which takes
/// everything appended so far as one group, makes it durable and then releases every waiter of that group at
/// once. Appending only assigns a position (the count of entries appended before, plus one); waiting for that
/// position to become durable happens outside the node's lock. Many writes share one fsync because the
/// flusher takes whatever accumulated while the previous fsync ran.
/// </summary>
/// <typeparam name="T">An entry of the log.</typeparam>
internal sealed class GroupCommit<T> : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _hasWork = new(initialState: false, spinCount: 1);
    private List<T> _pending = [];
    private long _appended;
    private long _durable;
    private long _inflightEnd;
    private TaskCompletionSource? _inflight;
    private TaskCompletionSource _next = NewGroup();
    private Exception? _failure;
    private bool _completed;

    /// <summary>Position of the last entry appended.</summary>
    public long Appended => Volatile.Read(ref _appended);

    /// <summary>Position up to which every entry is durable.</summary>
    public long Durable => Volatile.Read(ref _durable);

    /// <summary>Entries appended and not yet durable.</summary>
    public long Waiting => Appended - Durable;

    /// <summary>Why the log stopped accepting entries, or null.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Appends <paramref name="entry"/> and returns its position. Never blocks on the disk. After a failure the entry
    /// is dropped (false) but still gets a position, whose waiters get the failure.
    /// </summary>
    public bool TryAppend(T entry, out long position)
    {
        bool wake;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            position = ++_appended;
            if (_failure is not null)
            {
                return false;
            }

            _pending.Add(entry);
            wake = _pending.Count == 1;
        }

        if (wake)
        {
            _hasWork.Set();
        }

        return true;
    }

    /// <summary>Completes once every entry up to <paramref name="position"/> is durable; faults if the log failed.</summary>
    public Task WhenDurable(long position)
    {
        if (position <= Durable)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            if (_failure is not null)
            {
                return Task.FromException(new JournalFailedException(_failure));
            }

            if (position <= _durable)
            {
                return Task.CompletedTask;
            }

            return _inflight is not null && position <= _inflightEnd ? _inflight.Task : _next.Task;
        }
    }

    /// <summary>
    /// Flusher side: waits until something was appended, then moves it all into <paramref name="group"/> (which must
    /// be empty) and returns the position of its last entry; 0 when the log was completed and nothing is left.
    /// </summary>
    public long Take(ref List<T> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        WaitForWork();
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return 0; // completed, and nothing is left
            }

            (_pending, group) = (group, _pending);
            _inflight = _next;
            _next = NewGroup();
            _inflightEnd = _appended;
            return _inflightEnd;
        }
    }

    /// <summary>Flusher side: waits until something was appended (or the log completed), without taking it.</summary>
    public void WaitForWork()
    {
        while (true)
        {
            lock (_lock)
            {
                if (_pending.Count > 0 || _completed)
                {
                    return;
                }

                // Under the lock: an append after this sees an empty queue and sets the event again.
                _hasWork.Reset();
            }

            _hasWork.Wait();
        }
    }

    /// <summary>Flusher side: the group taken last is durable; its waiters go on.</summary>
    public void MarkDurable(long end)
    {
        TaskCompletionSource? released;
        lock (_lock)
        {
            Volatile.Write(ref _durable, end);
            released = _inflight;
            _inflight = null;
        }

        released?.TrySetResult();
    }

    /// <summary>
    /// Flusher side: the disk failed. Every waiter, now and later, gets the error; nothing more is queued. Returns the
    /// entries that were queued and will never be written.
    /// </summary>
    public List<T> Fail(Exception failure)
    {
        TaskCompletionSource? inflight, next;
        List<T> dropped;
        lock (_lock)
        {
            _failure ??= failure;
            (inflight, next, dropped) = (_inflight, _next, _pending);
            _inflight = null;
            _pending = [];
        }

        var error = new JournalFailedException(failure);
        inflight?.TrySetException(error);
        next.TrySetException(error);
        return dropped;
    }

    /// <summary>No more entries: the flusher drains what is left, then <see cref="Take"/> returns 0.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
        }

        _hasWork.Set();
    }

    /// <inheritdoc/>
    public void Dispose() => _hasWork.Dispose();

    // Waiters resume on the thread pool, never on the flusher thread.
    private static TaskCompletionSource NewGroup() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
