namespace GridAspire.KvNode.Causality;

/// <summary>
/// Holds a node's delivered clock and the messages that arrived before their causal past. Buffered messages are
/// indexed by (origin, sequence): only the next message of each origin can ever become deliverable, so after
/// each delivery the buffer looks at one candidate per origin instead of rescanning everything.
/// Not thread-safe: the owning node serialises access.
/// </summary>
public sealed class DeliveryBuffer<TMessage>
    where TMessage : ICausalMessage
{
    private readonly Dictionary<(string Origin, long Sequence), TMessage> _pending = [];

    // Every origin that ever had a buffered message; as small as the cluster, so a pass over it is O(nodes).
    private readonly List<string> _bufferedOrigins = [];
    private readonly Func<string, long> _deliveredOf;

    // Immutable, replaced on every advance: reading the clock costs nothing, advancing one small copy.
    private VectorClock _clock;

    // What DiscardWaitingForGone last looked at: messages buffered so far and how many entries were gone. A message it
    // kept stays deliverable-in-principle until more entries are gone, so only then, or after new arrivals, must it look again.
    private long _arrivals;
    private (long Arrivals, int Gone) _scanned = (-1, -1);

    /// <summary>Creates a buffer whose delivered clock starts at <paramref name="initial"/>.</summary>
    public DeliveryBuffer(VectorClock? initial = null)
    {
        _clock = initial ?? VectorClock.Empty;
        _deliveredOf = node => _clock[node];
    }

    /// <summary>Number of buffered messages.</summary>
    public int Count => _pending.Count;

    /// <summary>The buffered messages, oldest sequence first per origin.</summary>
    public IEnumerable<TMessage> Pending =>
        _pending.OrderBy(p => p.Key.Origin, StringComparer.Ordinal).ThenBy(p => p.Key.Sequence).Select(p => p.Value);

    /// <summary>The buffered messages in no particular order (cheaper than <see cref="Pending"/>).</summary>
    public IEnumerable<TMessage> Unordered => _pending.Values;

    /// <summary>The delivered clock.</summary>
    public VectorClock Clock => _clock;

    /// <summary>True when everything <paramref name="clock"/> covers is delivered.</summary>
    public bool Covers(VectorClock clock) => _clock.Covers(clock);

    /// <summary>True when receiving <paramref name="message"/> would add it to the buffer (not deliverable, not known).</summary>
    public bool WouldBuffer(TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return !DeliveryRule.IsDuplicate(message, _deliveredOf)
            && !DeliveryRule.CanDeliver(message, _deliveredOf)
            && !_pending.ContainsKey((message.Origin, message.Clock[message.Origin]));
    }

    /// <summary>Records a write this node made itself: its own entry advances by one.</summary>
    public long Tick(string self)
    {
        var next = _clock[self] + 1;
        _clock = _clock.With(self, next);
        return next;
    }

    /// <summary>
    /// Accepts a message from a peer. Returns what became deliverable, in causal order (empty when the message
    /// was buffered or was a duplicate). Delivery is event-driven: each delivery re-checks the next buffered
    /// message of every origin until nothing more can go.
    /// </summary>
    public DeliveryResult<TMessage> Receive(TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (DeliveryRule.IsDuplicate(message, _deliveredOf))
        {
            return DeliveryResult<TMessage>.Duplicate;
        }

        if (!DeliveryRule.CanDeliver(message, _deliveredOf))
        {
            // Same (origin, sequence) means the same write: a re-sent copy is not buffered twice.
            if (!_pending.TryAdd((message.Origin, message.Clock[message.Origin]), message))
            {
                return DeliveryResult<TMessage>.AlreadyBuffered;
            }

            _arrivals++;

            if (!_bufferedOrigins.Contains(message.Origin))
            {
                _bufferedOrigins.Add(message.Origin);
            }

            return DeliveryResult<TMessage>.Buffered;
        }

        var delivered = new List<TMessage>();
        Deliver(message, delivered);
        DrainDeliverable(delivered);
        return new DeliveryResult<TMessage>(DeliveryStatus.Delivered, delivered);
    }

    /// <summary>
    /// Adds <paramref name="delivered"/> to the delivered clock: everything it covers was delivered another way (a
    /// state transfer from a peer). Buffered messages it covers are dropped as duplicates; returns those that became
    /// deliverable, in causal order.
    /// </summary>
    public IReadOnlyList<TMessage> Advance(VectorClock delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        _clock = _clock.Merge(delivered);
        foreach (var key in _pending.Keys.Where(k => k.Sequence <= _clock[k.Origin]).ToList())
        {
            _pending.Remove(key);
        }

        var released = new List<TMessage>();
        DrainDeliverable(released);
        return released;
    }

    /// <summary>
    /// Drops the buffered messages that can never be delivered because they wait for a message that is gone for good.
    /// <paramref name="gone"/> names entries whose origin lost its disk and of which no node has more than this buffer
    /// delivered (the caller knows). A message waits for a gone one when it is of such an entry and past the next one
    /// this buffer waits for, or when its clock needs more of such an entry than was delivered (it was written after
    /// reading a write that went with the disk). Returns them. <paramref name="gone"/> only ever grows (an entry that is
    /// gone stays gone, and its delivered counter never moves), so a call that sees no new arrival and no new gone entry
    /// since the last one returns at once: it is made on every acknowledgement once some disk was lost, under the node's lock.
    /// </summary>
    public IReadOnlyList<TMessage> DiscardWaitingForGone(IReadOnlySet<string> gone)
    {
        ArgumentNullException.ThrowIfNull(gone);
        if (_pending.Count == 0 || gone.Count == 0 || _scanned == (_arrivals, gone.Count))
        {
            return [];
        }

        _scanned = (_arrivals, gone.Count);

        var unreachable = _pending.Where(p => gone.Any(entry => entry == p.Key.Origin
            ? p.Key.Sequence > _clock[entry] + 1
            : p.Value.Clock[entry] > _clock[entry])).ToList();
        foreach (var (key, _) in unreachable)
        {
            _pending.Remove(key);
        }

        return [.. unreachable.Select(p => p.Value)];
    }

    private void DrainDeliverable(List<TMessage> delivered)
    {
        bool progressed;
        do
        {
            progressed = false;
            foreach (var origin in _bufferedOrigins)
            {
                var key = (origin, _deliveredOf(origin) + 1);
                if (_pending.TryGetValue(key, out var next) && DeliveryRule.CanDeliver(next, _deliveredOf))
                {
                    _pending.Remove(key);
                    Deliver(next, delivered);
                    progressed = true;
                }
            }
        }
        while (progressed && _pending.Count > 0);
    }

    private void Deliver(TMessage message, List<TMessage> delivered)
    {
        // The rule guarantees V[k] <= L[k] for k != origin, so merging the clocks only advances the origin.
        _clock = _clock.With(message.Origin, message.Clock[message.Origin]);
        delivered.Add(message);
    }
}
