namespace GridAspire.ChargeRequest.Charging;

/// <summary>Where a vehicle charges: the 201 body of <c>POST /api/charge</c>.</summary>
/// <param name="SessionId">The charging session.</param>
/// <param name="SubstationId">The substation that admitted it.</param>
/// <param name="Kw">Power granted now.</param>
/// <param name="ExpectedEndUtc">When the energy will have been delivered at that power.</param>
/// <param name="MinKw">The least power promised while it charges.</param>
/// <param name="PowerMayChange">
/// True when the substation shares its power: <paramref name="Kw"/> and the end move as vehicles come and go
/// (<c>GET /api/charge/{sessionId}</c> shows them as they are).
/// </param>
public sealed record ChargeAssignment(
    string SessionId, string SubstationId, double Kw, DateTimeOffset ExpectedEndUtc, double MinKw = 0, bool PowerMayChange = false);
