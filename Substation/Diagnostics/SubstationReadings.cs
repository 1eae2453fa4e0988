namespace GridAspire.Substation.Diagnostics;

/// <summary>The substation's state as its gauges show it, published whenever it changes.</summary>
/// <param name="LoadKw">Power drawn.</param>
/// <param name="CapacityKw">Capacity.</param>
/// <param name="ActiveSessions">Vehicles charging.</param>
/// <param name="PromisedKw">The minimums promised to the sessions.</param>
/// <param name="ThrottledSessions">Sessions drawing less than their vehicle's maximum because the capacity is shared.</param>
/// <param name="PriorityKw">Power drawn by priority sessions.</param>
/// <param name="StandardKw">Power drawn by standard sessions.</param>
/// <param name="DefaultMinKw">The minimum promised to a request that names none where power is shared; 0 where it is fixed.</param>
/// <param name="NextSessionKw">What one more vehicle would be given now where power is shared; 0 where it is fixed.</param>
/// <param name="PeakKw">Highest power allocated since start or since the allocation mode was last switched.</param>
/// <param name="NextEndUtc">When the next session ends at the current powers (and the readings change by themselves); null when idle.</param>
public sealed record SubstationReadings(
    double LoadKw,
    double CapacityKw,
    int ActiveSessions,
    double PromisedKw,
    int ThrottledSessions,
    double PriorityKw,
    double StandardKw,
    double DefaultMinKw,
    double NextSessionKw,
    double PeakKw,
    DateTimeOffset? NextEndUtc);
