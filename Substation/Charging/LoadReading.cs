namespace GridAspire.Substation.Charging;

/// <summary>The substation's load at one instant.</summary>
/// <param name="LoadKw">Power drawn (allocated to the sessions).</param>
/// <param name="CapacityKw">Capacity.</param>
/// <param name="ActiveSessions">Vehicles charging.</param>
/// <param name="NextEndUtc">When the next session ends at the current powers, and frees power; null when idle.</param>
/// <param name="PromisedMinKw">The minimums promised to the sessions: what admission compares with the capacity in <c>Shared</c> mode.</param>
/// <param name="ThrottledSessions">Sessions drawing less than their vehicle's maximum.</param>
public sealed record LoadReading(
    double LoadKw, double CapacityKw, int ActiveSessions, DateTimeOffset? NextEndUtc, double PromisedMinKw = 0, int ThrottledSessions = 0);
