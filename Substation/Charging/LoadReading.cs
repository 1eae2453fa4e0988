namespace GridAspire.Substation.Charging;

/// <summary>The substation's load at one instant.</summary>
/// <param name="LoadKw">Power drawn.</param>
/// <param name="CapacityKw">Capacity.</param>
/// <param name="ActiveSessions">Vehicles charging.</param>
/// <param name="NextEndUtc">When the next session ends and frees power; null when idle.</param>
public sealed record LoadReading(double LoadKw, double CapacityKw, int ActiveSessions, DateTimeOffset? NextEndUtc);
