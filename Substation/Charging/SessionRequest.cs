namespace GridAspire.Substation.Charging;

/// <summary>Body of <c>POST /sessions</c>.</summary>
/// <param name="VehicleId">The vehicle asking to charge.</param>
/// <param name="RequestedKwh">Energy the vehicle wants.</param>
/// <param name="MaxKw">Highest power the vehicle accepts.</param>
public sealed record SessionRequest(string? VehicleId, double? RequestedKwh, double? MaxKw);
