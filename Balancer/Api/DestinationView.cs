using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Api;

/// <summary>One substation as the balancer sees it, in figures a person reads (kW to 0.01, seconds to 0.001).</summary>
/// <param name="DestinationId">Destination id.</param>
/// <param name="Address">Base URL.</param>
/// <param name="SubstationId">The substation's own id, learnt from its metrics.</param>
/// <param name="DrawnKw">Power the substation's vehicles drew at the last successful poll.</param>
/// <param name="CommittedKw">
/// What admission compares with the capacity: at the last poll, the power drawn (fixed power) or the minimums promised
/// (shared power, see <paramref name="CommittedMeasures"/>), plus what this balancer admitted there since, in flight included.
/// </param>
/// <param name="CommittedMeasures"><c>drawn</c> or <c>promised_minimums</c>: what <paramref name="CommittedKw"/> adds up.</param>
/// <param name="CapacityKw">Capacity from the last poll.</param>
/// <param name="HeadroomKw">Capacity not yet committed: <paramref name="CapacityKw"/> less <paramref name="CommittedKw"/>.</param>
/// <param name="SnapshotAgeSeconds">Time since the last successful poll; null before the first.</param>
/// <param name="Healthy">False until a poll succeeds, after a failed poll and after a failed forward.</param>
/// <param name="SlowStartFactor">1 when settled; below 1 while ramping up after a recovery.</param>
/// <param name="RequestsRouted">Requests routed there since start.</param>
/// <param name="InFlightRequests">Requests forwarded there and not yet answered.</param>
/// <param name="DefaultMinKw">Where the substation shares its power: the minimum it promises by default (its loads are then minimums promised); null for fixed power.</param>
/// <param name="NextSessionKw">Where the substation shares its power: what one more vehicle would get now, by the estimate.</param>
public sealed record DestinationView(
    string DestinationId,
    Uri Address,
    string? SubstationId,
    double DrawnKw,
    double CommittedKw,
    string CommittedMeasures,
    double CapacityKw,
    double HeadroomKw,
    double? SnapshotAgeSeconds,
    bool Healthy,
    double SlowStartFactor,
    long RequestsRouted,
    int InFlightRequests,
    double? DefaultMinKw = null,
    double? NextSessionKw = null)
{
    /// <summary>The view of <paramref name="estimate"/>.</summary>
    public static DestinationView From(LoadEstimate estimate) => new(
        estimate.DestinationId,
        estimate.Address,
        estimate.SubstationId,
        Math.Round(estimate.PolledLoadKw, 2),
        Math.Round(estimate.EstimatedLoadKw, 2),
        estimate.DefaultMinKw is null ? "drawn" : "promised_minimums",
        Math.Round(estimate.CapacityKw, 2),
        Math.Round(estimate.HeadroomKw, 2),
        estimate.SnapshotAge is { } age ? Math.Round(age.TotalSeconds, 3) : null,
        estimate.Healthy,
        Math.Round(estimate.SlowStartFactor, 2),
        estimate.RequestsRouted,
        estimate.InFlightRequests,
        estimate.DefaultMinKw,
        estimate.DefaultMinKw is null ? null : Math.Round(estimate.NextSessionKw, 2));
}
