namespace GridAspire.Balancer.LoadBalancing;

/// <summary>What the balancer believes about one destination at one instant.</summary>
/// <param name="DestinationId">YARP destination id.</param>
/// <param name="Address">Base URL.</param>
/// <param name="SubstationId">The substation's own id, learnt from its metrics; null before the first poll.</param>
/// <param name="PolledLoadKw">Load in the last successful poll.</param>
/// <param name="EstimatedLoadKw">Polled (or newer piggybacked) load + kW admitted through this balancer since + in flight.</param>
/// <param name="CapacityKw">Capacity from the last poll; zero before the first.</param>
/// <param name="SnapshotAge">Time since the last successful poll; null before the first.</param>
/// <param name="Healthy">False until a poll succeeds, after a failed poll and after a transport failure.</param>
/// <param name="SlowStartFactor">1 when settled; below 1 while ramping up after a recovery.</param>
/// <param name="RequestsRouted">Requests routed here since start.</param>
public sealed record LoadEstimate(
    string DestinationId,
    Uri Address,
    string? SubstationId,
    double PolledLoadKw,
    double EstimatedLoadKw,
    double CapacityKw,
    TimeSpan? SnapshotAge,
    bool Healthy,
    double SlowStartFactor,
    long RequestsRouted)
{
    /// <summary>Capacity not yet used, by the estimate.</summary>
    public double HeadroomKw => CapacityKw - EstimatedLoadKw;
}
