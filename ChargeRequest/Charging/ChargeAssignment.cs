namespace GridAspire.ChargeRequest.Charging;

/// <summary>Where a vehicle charges: the 201 body of <c>POST /api/charge</c>.</summary>
/// <param name="SessionId">The charging session.</param>
/// <param name="SubstationId">The substation that admitted it.</param>
/// <param name="Kw">Power granted.</param>
/// <param name="ExpectedEndUtc">When the energy will have been delivered.</param>
public sealed record ChargeAssignment(string SessionId, string SubstationId, double Kw, DateTimeOffset ExpectedEndUtc);
