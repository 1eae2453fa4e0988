using System.Diagnostics.Metrics;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Contracts.Charging;

namespace GridAspire.Balancer.Diagnostics;

/// <summary>
/// The balancer's metrics (meter <see cref="MeterName"/>): its decisions and refusals as counters, request durations,
/// and what it believes of each destination as gauges (power in watts: <c>balancer_estimated_load_watts</c>, ...).
/// </summary>
public sealed class BalancerMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GridAspire.Balancer";

    private const double WattsPerKw = 1000;
    private readonly Meter _meter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _forwardFailures;
    private readonly Counter<long> _bookingFences;
    private readonly Counter<long> _policyPassedOn;
    private readonly Counter<long> _policyCaughtUp;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments.</summary>
    public BalancerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _decisions = _meter.CreateCounter<long>("balancer.decisions", "{request}", "Requests routed, by destination.");
        _rejections = _meter.CreateCounter<long>(
            "balancer.rejections", "{request}",
            $"Charging requests answered 503, by reason: {PlacementFailure.GridFull} when no substation had room by the balancer's estimate, " +
            $"{PlacementFailure.Avoidable} when one had, {PlacementFailure.NoSubstationReachable} when none could be reached.");
        _bookingFences = _meter.CreateCounter<long>(
            "balancer.booking_fences", "{request}",
            "Retried bookings fenced at every substation before placing, by outcome (found: an earlier attempt was admitted; clear; unknown).");
        _policyPassedOn = _meter.CreateCounter<long>(
            "balancer.policy_passed_on", "{switch}", "Policy switches passed on to a peer replica, by outcome (switched, failed).");
        _policyCaughtUp = _meter.CreateCounter<long>(
            "balancer.policy_caught_up", "{start}", "Starts that asked the peer replicas for their policy, by outcome (taken, peers_disagree, none_answered).");
        _retries = _meter.CreateCounter<long>("balancer.retries", "{request}", "Requests retried on the next best substation after a full or unreachable one.");
        _forwardFailures = _meter.CreateCounter<long>(
            "balancer.forward_failures", "{request}",
            "Forwards that failed, by destination and reason (timeout, connect_timeout, unreachable, transport); each marks the destination unhealthy.");
        _duration = _meter.CreateHistogram(
            "balancer.request.duration", "s",
            "Charging requests through the balancer, retries included, by outcome (admitted, grid_full, no_substation_reachable, refused).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [.. Enumerable.Range(0, 14).Select(i => 0.0005 * Math.Pow(2, i))] });

        // Published at zero from the start, so dashboards and rate() see the series before the first event.
        foreach (var reason in (string[])[PlacementFailure.GridFull, PlacementFailure.Avoidable, PlacementFailure.NoSubstationReachable])
        {
            _rejections.Add(0, Reason(reason));
        }
    }

    /// <summary>
    /// Registers the per-destination gauges, read from <paramref name="estimates"/> when metrics are collected, and the
    /// policy in use, from <paramref name="policy"/>.
    /// </summary>
    public void Observe(Func<IReadOnlyList<LoadEstimate>> estimates, Func<string> policy)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(policy);
        _meter.CreateObservableGauge(
            "balancer.snapshot.age", () => PerDestination(estimates, e => e.SnapshotAge?.TotalSeconds ?? double.NaN), "s", "Age of the last successful /metrics poll.");
        _meter.CreateObservableGauge(
            "balancer.estimated_load", () => PerDestination(estimates, e => e.EstimatedLoadKw * WattsPerKw), "W",
            "What admission compares with the capacity, by this balancer's estimate: polled load (or promised minimums where power is shared) plus what was routed since.");
        _meter.CreateObservableGauge("balancer.polled_load", () => PerDestination(estimates, e => e.PolledLoadKw * WattsPerKw), "W", "Load in the last poll.");
        _meter.CreateObservableGauge("balancer.capacity", () => PerDestination(estimates, e => e.CapacityKw * WattsPerKw), "W", "Capacity in the last poll.");
        _meter.CreateObservableGauge(
            "balancer.destination.healthy", () => PerDestination(estimates, e => e.Healthy ? 1 : 0), "{destination}", "1 when the destination may receive requests.");
        _meter.CreateObservableGauge(
            "balancer.policy.info",
            () => PolicyNames.All.Select(name => new Measurement<int>(name == policy() ? 1 : 0, new KeyValuePair<string, object?>("policy", name))),
            description: "1 for the load-balancing policy in use.");
    }

    /// <summary>Counts a routing decision.</summary>
    public void Decision(string destination) => _decisions.Add(1, Destination(destination));

    /// <summary>Counts a 503 to a charging request: why (<see cref="PlacementFailure"/>), and whether a substation had room.</summary>
    public void Rejected(string failure, bool avoidable) =>
        _rejections.Add(1, Reason(failure == PlacementFailure.GridFull && avoidable ? PlacementFailure.Avoidable : failure));

    /// <summary>Counts a failed forward.</summary>
    public void ForwardFailed(string destination, string reason) =>
        _forwardFailures.Add(1, Destination(destination), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records how long a charging request took at the balancer.</summary>
    public void Completed(TimeSpan duration, int status, string? failure = null) =>
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", status switch
        {
            201 => "admitted",
            503 => failure ?? PlacementFailure.GridFull,
            _ => "refused",
        }));

    /// <summary>Counts a retry.</summary>
    public void Retried() => _retries.Add(1);

    /// <summary>Counts a policy switch passed on to a peer.</summary>
    public void PolicyPassedOn(bool switched) => _policyPassedOn.Add(1, new KeyValuePair<string, object?>("outcome", switched ? "switched" : "failed"));

    /// <summary>Counts a start that asked the peers for their policy, by outcome.</summary>
    public void PolicyCaughtUp(string outcome) => _policyCaughtUp.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts a retried booking fenced before placing, by outcome.</summary>
    public void BookingFenced(string outcome) => _bookingFences.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private static IEnumerable<Measurement<double>> PerDestination(Func<IReadOnlyList<LoadEstimate>> estimates, Func<LoadEstimate, double> value) =>
        estimates().Select(e => new Measurement<double>(value(e), Destination(e.DestinationId)));

    private static KeyValuePair<string, object?> Destination(string destination) => new("destination", destination);

    private static KeyValuePair<string, object?> Reason(string reason) => new("reason", reason);
}
