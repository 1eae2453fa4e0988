namespace GridAspire.ChargeRequest.Charging;

/// <summary>Body of <c>POST /api/charge</c>.</summary>
/// <param name="VehicleId">The vehicle (1-64 characters).</param>
/// <param name="RequestedKwh">Energy wanted, more than 0 and at most 500 kWh.</param>
/// <param name="MaxKw">Highest power the vehicle accepts, more than 0 and at most 1000 kW.</param>
public sealed record ChargeRequestBody(string? VehicleId, double? RequestedKwh, double? MaxKw);
