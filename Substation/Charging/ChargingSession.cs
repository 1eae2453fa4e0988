namespace GridAspire.Substation.Charging;

/// <summary>A vehicle drawing power from the substation.</summary>
/// <param name="SessionId">Globally unique; starts with the substation id so the owner can be found from it.</param>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="MinKw">The least power promised while it charges (its <c>maxKw</c> in <c>Fixed</c> mode).</param>
/// <param name="MaxKw">The most power the vehicle accepts.</param>
/// <param name="Priority">True for a priority session, served before standard ones.</param>
/// <param name="RequestedKwh">Energy to deliver.</param>
/// <param name="StartedUtc">Real time the session started.</param>
public sealed record ChargingSession(
    string SessionId, string VehicleId, double MinKw, double MaxKw, bool Priority, double RequestedKwh, DateTimeOffset StartedUtc)
{
    /// <summary>Power drawn now; it changes whenever the substation re-shares its capacity.</summary>
    public double Kw { get; init; }

    /// <summary>Energy delivered so far (as of the substation's last look at the clock).</summary>
    public double DeliveredKwh { get; init; }

    /// <summary>Real time the energy will have been delivered at the current power.</summary>
    public DateTimeOffset ExpectedEndUtc { get; init; }

    /// <summary>When the session ended: once its energy was delivered, or earlier if the vehicle left.</summary>
    public DateTimeOffset? EndedUtc { get; init; }

    /// <summary>True when the vehicle left before its energy was delivered.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Energy still to deliver.</summary>
    public double RemainingKwh => Math.Max(0, RequestedKwh - DeliveredKwh);

    /// <summary>As a claim on the substation's power.</summary>
    public PowerDemand Demand => new(MinKw, MaxKw, Priority);
}
