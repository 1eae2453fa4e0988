namespace GridAspire.Substation.Charging;

/// <summary>Body of a 201 from <c>POST /sessions</c>: where and how the vehicle charges.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="SubstationId">The substation that admitted it.</param>
/// <param name="Kw">Power granted now.</param>
/// <param name="ExpectedEndUtc">When the energy will have been delivered at that power.</param>
/// <param name="MinKw">The least power promised while it charges.</param>
/// <param name="PowerMayChange">True when the substation shares its power: <paramref name="Kw"/> and the end move as vehicles come and go.</param>
public sealed record SessionAssignment(
    string SessionId, string SubstationId, double Kw, DateTimeOffset ExpectedEndUtc, double MinKw = 0, bool PowerMayChange = false);
