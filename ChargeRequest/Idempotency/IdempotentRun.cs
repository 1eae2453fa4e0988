using GridAspire.ChargeRequest.Charging;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>What a request with an Idempotency-Key got.</summary>
/// <param name="Outcome">The booking (or refusal), made now or earlier.</param>
/// <param name="Replayed">True when an earlier request with the key made it.</param>
public sealed record IdempotentRun(BookingReply Outcome, bool Replayed);
