using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// The frames a link has taken and not yet written to its connection, each due at a time of its own: at once without
/// faults, later with an injected delay and jitter (which can reorder them, as a real network may). One writer sends them
/// in the order they fall due and waits while the link is held. Bounded by the link's window: nothing is taken while too
/// much is in flight.
/// </summary>
internal sealed class LinkOutbox(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<ReplicationBatch, (long Due, long Order)> _frames = new();
    private long _order;

    /// <summary>Pulses when a frame is posted.</summary>
    public AsyncSignal Posted { get; } = new();

    /// <summary>Frames waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="frame"/> to be written once <paramref name="delay"/> has passed.</summary>
    public void Post(ReplicationBatch frame, TimeSpan delay)
    {
        lock (_gate)
        {
            var due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
            _frames.Enqueue(frame, (due, ++_order));
        }

        Posted.Pulse();
    }

    /// <summary>The next frame that is due now, or null and how long until the next one is (infinite when none waits).</summary>
    public ReplicationBatch? TakeDue(out TimeSpan wait)
    {
        lock (_gate)
        {
            wait = Timeout.InfiniteTimeSpan;
            if (!_frames.TryPeek(out var frame, out var at))
            {
                return null;
            }

            var left = time.GetElapsedTime(time.GetTimestamp(), at.Due);
            if (left > TimeSpan.Zero)
            {
                wait = left;
                return null;
            }

            _frames.Dequeue();
            return frame;
        }
    }

    /// <summary>Forgets every waiting frame (the connection ended: the next one resumes from what the peer has).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _frames.Clear();
        }
    }
}
