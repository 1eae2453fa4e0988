namespace GridAspire.KvNode.Replication;

/// <summary>
/// How far one link has sent this node's own writes and how far the peer has acknowledged them (delivered). Writes
/// after <see cref="Sent"/> go next; what is sent and not yet acknowledged is in flight, several batches at once, so a
/// link's throughput does not wait for its round trip. The peer's acknowledged position is the resume point: a new
/// connection starts from what the peer says it has, and a batch that was lost (fault injection) or turned away (the
/// peer's buffer was full) is followed, once <see cref="ResendAfter"/> has passed without the peer catching up, by
/// everything after the acknowledged position again (the peer drops what it already has). Writes the peer holds in its
/// buffer behind another origin's are not sent again: it delivers them when their causal past arrives. Thread-safe: the
/// sending and the acknowledging loops share it.
/// </summary>
public sealed class LinkWindow(TimeProvider time, TimeSpan resendAfter)
{
    private readonly Lock _gate = new();
    private long _acked;
    private long _sent;
    private long _highestSent;
    private long _generation;
    private long? _shortSince;

    /// <summary>How long a lost or refused batch waits before what follows the acknowledged position goes again.</summary>
    public TimeSpan ResendAfter => resendAfter;

    /// <summary>The highest own write the peer has delivered.</summary>
    public long Acked
    {
        get
        {
            lock (_gate)
            {
                return _acked;
            }
        }
    }

    /// <summary>The highest own write sent (or given to the outbox) on the current connection.</summary>
    public long Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent;
            }
        }
    }

    /// <summary>Writes sent and not yet acknowledged.</summary>
    public long InFlight
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _sent - _acked);
            }
        }
    }

    /// <summary>Bumped by <see cref="Restart"/>: answers on an older connection say nothing about the peer now.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>
    /// A new connection: the peer says it has delivered up to <paramref name="delivered"/>; sending resumes after it.
    /// True when that acknowledges more than was known. With <paramref name="generation"/>, a connection opened before a
    /// <see cref="Restart"/> changes nothing (its answer counted what the restart forgot) and false is returned.
    /// </summary>
    public bool Resume(long delivered, long? generation = null)
    {
        lock (_gate)
        {
            if (generation is { } opened && opened != _generation)
            {
                return false;
            }

            var more = delivered > _acked;
            _acked = Math.Max(_acked, delivered);
            _sent = _acked;
            _shortSince = null;
            return more;
        }
    }

    /// <summary>
    /// The peer lost its disk and rejoined: nothing it acknowledged counts, and everything this node still keeps is sent
    /// again from the start. Returns the new generation.
    /// </summary>
    public long Restart()
    {
        lock (_gate)
        {
            _acked = 0;
            _sent = 0;
            _highestSent = 0;
            _shortSince = null;
            return ++_generation;
        }
    }

    /// <summary>Records that the writes up to <paramref name="sequence"/> were sent; returns how many of the batch's writes were sent before.</summary>
    public int MarkSent(long first, long sequence)
    {
        lock (_gate)
        {
            var resent = (int)Math.Clamp(_highestSent - first + 1, 0, sequence - first + 1);
            _sent = Math.Max(_sent, sequence);
            _highestSent = Math.Max(_highestSent, sequence);
            return resent;
        }
    }

    /// <summary>
    /// Records the peer's answer on the connection of <paramref name="generation"/>: it has delivered up to
    /// <paramref name="delivered"/>, and turned <paramref name="refused"/> writes away. Returns the previous acknowledged
    /// position when this one is newer, otherwise null.
    /// </summary>
    public long? Acknowledge(long delivered, int refused, long generation)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return null;
            }

            if (refused > 0)
            {
                _shortSince ??= time.GetTimestamp();
            }

            if (delivered <= _acked)
            {
                return null;
            }

            var previous = _acked;
            _acked = delivered;
            _sent = Math.Max(_sent, delivered);
            if (_acked >= _sent)
            {
                _shortSince = null; // nothing outstanding: whatever went missing has arrived another way
            }

            return previous;
        }
    }

    /// <summary>A batch was lost before it left (fault injection): what follows the acknowledged position goes again later.</summary>
    public void Lost()
    {
        lock (_gate)
        {
            _shortSince ??= time.GetTimestamp();
        }
    }

    /// <summary>
    /// When a batch went missing at least <see cref="ResendAfter"/> ago and the peer has not caught up: sending resumes
    /// after the acknowledged position (true). Otherwise how long until that is due, in <paramref name="wait"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> when nothing is missing).
    /// </summary>
    public bool RewindIfDue(out TimeSpan wait)
    {
        lock (_gate)
        {
            wait = Timeout.InfiniteTimeSpan;
            if (_shortSince is not { } since)
            {
                return false;
            }

            var left = resendAfter - time.GetElapsedTime(since);
            if (left > TimeSpan.Zero)
            {
                wait = left;
                return false;
            }

            _sent = _acked;
            _shortSince = null;
            return true;
        }
    }
}
