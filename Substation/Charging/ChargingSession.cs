namespace GridAspire.Substation.Charging;

/// <summary>A vehicle drawing power from the substation.</summary>
/// <param name="SessionId">Globally unique; starts with the substation id so the owner can be found from it.</param>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Kw">Power drawn while charging.</param>
/// <param name="RequestedKwh">Energy to deliver.</param>
/// <param name="StartedUtc">Real time the session started.</param>
/// <param name="ExpectedEndUtc">Real time the energy is delivered, given the simulation speed.</param>
public sealed record ChargingSession(
    string SessionId, string VehicleId, double Kw, double RequestedKwh, DateTimeOffset StartedUtc, DateTimeOffset ExpectedEndUtc)
{
    /// <summary>When the session ended: at <see cref="ExpectedEndUtc"/>, or earlier if the vehicle left.</summary>
    public DateTimeOffset? EndedUtc { get; init; }

    /// <summary>True when the vehicle left before its energy was delivered.</summary>
    public bool Cancelled { get; init; }
}
