namespace GridAspire.Substation.Charging;

/// <summary>Body of <c>POST /sessions</c>.</summary>
/// <param name="VehicleId">The vehicle asking to charge.</param>
/// <param name="RequestedKwh">Energy the vehicle wants.</param>
/// <param name="MaxKw">Highest power the vehicle accepts.</param>
/// <param name="MinKw">
/// In <c>Shared</c> mode, the least power the session must be promised (default: <c>Substation:DefaultMinKw</c>, capped at
/// <paramref name="MaxKw"/>); ignored in <c>Fixed</c> mode, where the full <paramref name="MaxKw"/> is the promise.
/// </param>
/// <param name="Priority"><c>standard</c> (default) or <c>priority</c>: served first when power is shared.</param>
public sealed record SessionRequest(string? VehicleId, double? RequestedKwh, double? MaxKw, double? MinKw = null, string? Priority = null)
{
    /// <summary>True for a priority session.</summary>
    public bool IsPriority => string.Equals(Priority, SessionPriority.Priority, StringComparison.Ordinal);
}
