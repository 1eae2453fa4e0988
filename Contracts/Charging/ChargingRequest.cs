using System.Text.Json.Serialization;

namespace GridAspire.Contracts.Charging;

/// <summary>
/// A vehicle's request to charge: the body of the public API's <c>POST /api/charge</c>, which the balancer forwards as it
/// is to a substation's <c>POST /sessions</c>. A member that is not one of these is refused (a typo such as
/// <c>min_kw</c> would otherwise be dropped silently). <see cref="ChargingRequestValidation"/> holds the rules.
/// </summary>
/// <param name="VehicleId">The vehicle: 1-64 characters, no control characters.</param>
/// <param name="RequestedKwh">Energy wanted, from 0.1 to 500 kWh.</param>
/// <param name="MaxKw">Highest power the vehicle accepts, more than 0 and at most 1000 kW.</param>
/// <param name="MinKw">
/// Optional: the least power the vehicle needs, at most <paramref name="MaxKw"/>. Where a substation shares its power it
/// promises this much (or its own default) and the vehicle gets more when there is more; elsewhere it is ignored.
/// </param>
/// <param name="Priority">
/// Optional: <c>standard</c> (default) or <c>priority</c> (<see cref="ChargingPriority"/>). Priority sessions are served
/// first where power is shared; the public API grants it only to a caller presenting a priority key.
/// </param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChargingRequest(string? VehicleId, double? RequestedKwh, double? MaxKw, double? MinKw = null, string? Priority = null)
{
    /// <summary>True when the request asks to be served first.</summary>
    [JsonIgnore]
    public bool IsPriority => string.Equals(Priority, ChargingPriority.Priority, StringComparison.Ordinal);
}
