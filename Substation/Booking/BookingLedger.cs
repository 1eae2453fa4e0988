using GridAspire.Substation.Charging;

namespace GridAspire.Substation.Booking;

/// <summary>
/// The public API's booking ids seen by this substation, so that a booking retried through another balancer (the first
/// died holding it) books the vehicle once across the grid. An attempt is admitted only if no later attempt has fenced
/// the booking; a fence (<see cref="Fence"/>) either finds the session an earlier attempt got here or makes sure no
/// earlier attempt gets one afterwards. Asked in turn at every substation, fences leave a retry free to book anywhere.
/// Entries are kept for <see cref="KeepFor"/>, far longer than any retry takes.
/// </summary>
public sealed class BookingLedger(TimeProvider time)
{
    /// <summary>How long a booking id is remembered.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    private static readonly BookingLookup Open = new(BookingState.Open);
    private static readonly BookingLookup Superseded = new(BookingState.Superseded);
    private static readonly BookingLookup InFlight = new(BookingState.InFlight);
    private static readonly BookingLookup Fenced = new(BookingState.Fenced);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long ForgetAt)> _forgetOrder = new();

    /// <summary>Booking ids remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Starts admitting <paramref name="attempt"/> of a booking. <see cref="BookingState.Open"/>: go ahead, then call
    /// <see cref="Finish"/> with the outcome; any other answer says why not (admitted before, superseded, in flight).
    /// </summary>
    public BookingLookup Begin(string bookingId, int attempt)
    {
        lock (_gate)
        {
            var entry = EntryOf(bookingId);
            if (Decided(entry) is { } decided)
            {
                return decided;
            }

            if (attempt < entry.FencedBelow)
            {
                return Superseded;
            }

            entry.InFlight = true;
            return Open;
        }
    }

    /// <summary>Ends an attempt <see cref="Begin"/> let through: the session it got, or null when it was refused.</summary>
    public void Finish(string bookingId, SessionAssignment? admitted)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(bookingId, out var entry))
            {
                entry.InFlight = false;
                entry.Assignment = admitted;
            }
        }
    }

    /// <summary>
    /// Fences a booking for every attempt before <paramref name="attempt"/>: <see cref="BookingState.Admitted"/> with the
    /// session when one was admitted here, <see cref="BookingState.InFlight"/> when an attempt is being admitted (ask
    /// again), else <see cref="BookingState.Fenced"/>.
    /// </summary>
    public BookingLookup Fence(string bookingId, int attempt)
    {
        lock (_gate)
        {
            var entry = EntryOf(bookingId);
            if (Decided(entry) is { } decided)
            {
                return decided;
            }

            entry.FencedBelow = Math.Max(entry.FencedBelow, attempt);
            return Fenced;
        }
    }

    // Under the lock. What neither an attempt nor a fence may change: a session admitted, or an attempt being admitted.
    private static BookingLookup? Decided(Entry entry) =>
        entry.Assignment is { } assignment ? new BookingLookup(BookingState.Admitted, assignment)
        : entry.InFlight ? InFlight
        : null;

    // Under the lock. Forgets expired entries first (oldest first: O(1) amortised per booking).
    private Entry EntryOf(string bookingId)
    {
        var now = time.GetTimestamp();
        while (_forgetOrder.TryPeek(out var oldest) && oldest.ForgetAt <= now)
        {
            _forgetOrder.Dequeue();
            if (_entries.TryGetValue(oldest.Id, out var expired) && expired.InFlight)
            {
                _forgetOrder.Enqueue((oldest.Id, ForgetAt(now))); // never forget an attempt while it runs
            }
            else
            {
                _entries.Remove(oldest.Id);
            }
        }

        if (!_entries.TryGetValue(bookingId, out var entry))
        {
            entry = new Entry();
            _entries.Add(bookingId, entry);
            _forgetOrder.Enqueue((bookingId, ForgetAt(now)));
        }

        return entry;
    }

    private long ForgetAt(long now) => now + (long)(KeepFor.TotalSeconds * time.TimestampFrequency);

    private sealed class Entry
    {
        public int FencedBelow { get; set; }

        public bool InFlight { get; set; }

        public SessionAssignment? Assignment { get; set; }
    }
}
