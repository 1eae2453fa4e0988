using GridAspire.ChargeRequest.Charging;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>The result of one charging request, as it is replayed for a repeated Idempotency-Key.</summary>
/// <param name="Status">HTTP status to answer.</param>
/// <param name="Assignment">The assignment on 201.</param>
/// <param name="Detail">What went wrong otherwise.</param>
/// <param name="RetryAfter">Seconds to wait, on 503.</param>
public sealed record ChargeOutcome(int Status, ChargeAssignment? Assignment, string? Detail, string? RetryAfter)
{
    /// <summary>Only a booking is remembered: a refusal must be retried for real, not replayed.</summary>
    public bool IsBooking => Status == StatusCodes.Status201Created;
}
