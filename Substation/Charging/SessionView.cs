namespace GridAspire.Substation.Charging;

/// <summary>A session as the API shows it. <c>Kw</c> is the power now (in <c>Shared</c> mode it changes as vehicles come and go), <c>ExpectedEndUtc</c> when the energy will be delivered at that power (or when the session ended).</summary>
public sealed record SessionView(
    string SessionId,
    string SubstationId,
    string VehicleId,
    double Kw,
    double RequestedKwh,
    double DeliveredKwh,
    DateTimeOffset StartedUtc,
    DateTimeOffset ExpectedEndUtc,
    string State)
{
    /// <summary>The least power promised while it charges.</summary>
    public double MinKw { get; init; }

    /// <summary>The most power the vehicle accepts.</summary>
    public double MaxKw { get; init; }

    /// <summary><c>standard</c> or <c>priority</c>.</summary>
    public string Priority { get; init; } = "standard";
}
