namespace GridAspire.ChargeRequest.Charging;

/// <summary>Body of <c>POST /api/charge</c>.</summary>
/// <param name="VehicleId">The vehicle (1-64 characters).</param>
/// <param name="RequestedKwh">Energy wanted, more than 0 and at most 500 kWh.</param>
/// <param name="MaxKw">Highest power the vehicle accepts, more than 0 and at most 1000 kW.</param>
/// <param name="MinKw">
/// Optional: the least power the vehicle needs, at most <paramref name="MaxKw"/>. Where a substation shares its power it
/// promises this much (or its own default) and the vehicle gets more when there is more; elsewhere it is ignored.
/// </param>
/// <param name="Priority">
/// Optional: <c>standard</c> (default) or <c>priority</c>. Priority sessions are served first where power is shared; only
/// a caller presenting one of <c>ChargeApi:PriorityKeys</c> as a bearer token may ask for it.
/// </param>
public sealed record ChargeRequestBody(string? VehicleId, double? RequestedKwh, double? MaxKw, double? MinKw = null, string? Priority = null)
{
    /// <summary>The value of <see cref="Priority"/> that asks to be served first.</summary>
    public const string PriorityValue = "priority";

    /// <summary>The default value of <see cref="Priority"/>.</summary>
    public const string StandardValue = "standard";

    /// <summary>True when the request asks to be served first.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WantsPriority => string.Equals(Priority, PriorityValue, StringComparison.Ordinal);
}
