using System.Collections.Concurrent;
using GridAspire.ChargeRequest.Charging;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>
/// Remembers bookings by Idempotency-Key in this process: right for one API replica (and the default). Concurrent
/// duplicates share one attempt. Bounded by count and age. With several replicas use <see cref="SharedIdempotencyStore"/>.
/// </summary>
public sealed class MemoryIdempotencyStore(TimeProvider time) : IIdempotencyStore
{
    /// <summary>How long a booking is remembered.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    /// <summary>Most keys remembered; the oldest are forgotten first.</summary>
    public const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset At)> _order = new();

    /// <inheritdoc/>
    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask; // this process's memory always answers

    /// <inheritdoc/>
    public async Task<IdempotentRun?> RunOnceAsync(string key, string fingerprint, Func<BookingTicket, Task<BookingReply>> book, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(book);
        Forget();
        var mine = new Entry(fingerprint, new Lazy<Task<BookingReply>>(() => book(BookingTicket.Fresh())), time.GetUtcNow());
        var entry = _entries.GetOrAdd(key, mine);
        if (entry.Fingerprint != fingerprint)
        {
            return null;
        }

        if (ReferenceEquals(entry, mine))
        {
            _order.Enqueue((key, mine.At));
        }

        var outcome = await entry.Outcome.Value;
        if (!outcome.IsBooking)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        return new IdempotentRun(outcome, Replayed: !ReferenceEquals(entry, mine));
    }

    private void Forget()
    {
        var cutoff = time.GetUtcNow() - KeepFor;
        while (_order.TryPeek(out var oldest) && (oldest.At < cutoff || _entries.Count > MaxKeys) && _order.TryDequeue(out oldest))
        {
            if (_entries.TryGetValue(oldest.Key, out var entry) && entry.At == oldest.At)
            {
                _entries.TryRemove(KeyValuePair.Create(oldest.Key, entry));
            }
        }
    }

    private sealed record Entry(string Fingerprint, Lazy<Task<BookingReply>> Outcome, DateTimeOffset At);
}
