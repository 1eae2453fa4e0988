using GridAspire.ChargeRequest.Charging;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>
/// Remembers bookings by Idempotency-Key so a repeated request (a client retry after a timeout) gets the same
/// assignment and books nothing twice. Refusals are forgotten, so a retry after "grid full" really tries again. A key
/// reused with a different body is a conflict.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Runs <paramref name="book"/> at most once per key (while the booking is remembered), with the ticket its attempts
    /// carry (one booking id per key where replicas share the store, so a run that takes over a dead replica's claim fences
    /// what that one may have booked). Returns the outcome and
    /// whether it was replayed, or null when the key was already used with a different request (<paramref name="fingerprint"/>).
    /// Throws <see cref="IdempotencyStoreUnavailableException"/> when the store cannot be asked: nothing was booked then.
    /// </summary>
    Task<IdempotentRun?> RunOnceAsync(string key, string fingerprint, Func<BookingTicket, Task<BookingReply>> book, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the store answers (for the health check); throws <see cref="IdempotencyStoreUnavailableException"/>
    /// when it cannot be asked.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken);
}
