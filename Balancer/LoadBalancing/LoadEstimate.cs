namespace GridAspire.Balancer.LoadBalancing;

/// <summary>What the balancer believes about one destination at one instant (a value: one is built per destination per pick).</summary>
/// <param name="DestinationId">Destination id.</param>
/// <param name="Address">Base URL.</param>
/// <param name="SubstationId">The substation's own id, learnt from its metrics; null before the first poll.</param>
/// <param name="PolledLoadKw">Power drawn in the last successful poll.</param>
/// <param name="EstimatedLoadKw">
/// What admission there compares with the capacity: the polled (or newer piggybacked) load, or for a substation that
/// shares its power the minimums it promised, + what this balancer admitted there since + in flight.
/// </param>
/// <param name="CapacityKw">Capacity from the last poll; zero before the first.</param>
/// <param name="SnapshotAge">Time since the last successful poll; null before the first.</param>
/// <param name="Healthy">False until a poll succeeds, after a failed poll and after a failed forward.</param>
/// <param name="SlowStartFactor">1 when settled; below 1 while ramping up after a recovery.</param>
/// <param name="RequestsRouted">Requests routed here since start.</param>
/// <param name="InFlightRequests">Requests forwarded here and not yet answered.</param>
/// <param name="DefaultMinKw">
/// For a substation that shares its power: the minimum it promises a request that names none. Null for one that gives
/// fixed power. Its "load" is then the sum of the minimums it promised, which is what admission compares.
/// </param>
/// <param name="NextSessionKw">For a substation that shares its power: what one more vehicle would get now, by the estimate.</param>
public readonly record struct LoadEstimate(
    string DestinationId,
    Uri Address,
    string? SubstationId,
    double PolledLoadKw,
    double EstimatedLoadKw,
    double CapacityKw,
    TimeSpan? SnapshotAge,
    bool Healthy,
    double SlowStartFactor,
    long RequestsRouted,
    int InFlightRequests = 0,
    double? DefaultMinKw = null,
    double NextSessionKw = 0)
{
    /// <summary>Capacity not yet used, by the estimate.</summary>
    public double HeadroomKw => CapacityKw - EstimatedLoadKw;
}
