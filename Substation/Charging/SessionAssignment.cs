namespace GridAspire.Substation.Charging;

/// <summary>Body of a 201 from <c>POST /sessions</c>: where and how the vehicle charges.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="SubstationId">The substation that admitted it.</param>
/// <param name="Kw">Power granted.</param>
/// <param name="ExpectedEndUtc">When the energy will have been delivered.</param>
public sealed record SessionAssignment(string SessionId, string SubstationId, double Kw, DateTimeOffset ExpectedEndUtc);
