namespace GridAspire.Substation.Charging;

/// <summary>A session as the API shows it.</summary>
public sealed record SessionView(
    string SessionId,
    string SubstationId,
    string VehicleId,
    double Kw,
    double RequestedKwh,
    double DeliveredKwh,
    DateTimeOffset StartedUtc,
    DateTimeOffset ExpectedEndUtc,
    string State);
