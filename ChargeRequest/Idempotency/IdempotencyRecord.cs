using GridAspire.ChargeRequest.Charging;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>
/// What the shared store keeps under an Idempotency-Key: while a replica books, a claim naming it; once booked, the
/// assignment. The fingerprint tells a retry from a different request reusing the key.
/// </summary>
/// <param name="Fingerprint">The request's fields that must match for a replay.</param>
/// <param name="Claim">The claiming attempt's id, while it books.</param>
/// <param name="Assignment">The booking, once made.</param>
public sealed record IdempotencyRecord(string Fingerprint, string? Claim = null, ChargeAssignment? Assignment = null);
