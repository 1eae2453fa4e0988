namespace GridAspire.ChargeRequest.Charging;

/// <summary>What the balancer made of a booking, typed: the endpoint only maps it to HTTP.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Assignment">Where the vehicle charges, when booked.</param>
/// <param name="Detail">What went wrong otherwise, in words for the client.</param>
/// <param name="RetryAfter">How long to wait before trying again, when it is worth trying again.</param>
/// <param name="RefusedStatus">The 4xx status of a refusal.</param>
public sealed record BookingReply(
    BookingOutcome Outcome, ChargeAssignment? Assignment = null, string? Detail = null, TimeSpan? RetryAfter = null, int RefusedStatus = 400)
{
    /// <summary>Only a booking is remembered for an Idempotency-Key: a refusal must be retried for real, not replayed.</summary>
    public bool IsBooking => Outcome == BookingOutcome.Booked;
}
