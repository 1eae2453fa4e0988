using System.Collections.Concurrent;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Contracts.Charging;
using Prometheus;

namespace GridAspire.Balancer.Diagnostics;

/// <summary>The balancer's Prometheus metrics, in a registry of its own (several balancers can share a test process).</summary>
public sealed class BalancerMetrics
{
    private static readonly string[] DestinationLabel = ["destination"];
    private readonly Counter _decisions;
    private readonly Counter _rejections;
    private readonly Counter _retries;
    private readonly Counter _forwardFailures;
    private readonly ConcurrentDictionary<string, Counter.Child> _decisionsByDestination = new(StringComparer.Ordinal);
    private readonly Gauge _snapshotAge;
    private readonly Gauge _estimatedLoad;
    private readonly Gauge _polledLoad;
    private readonly Gauge _capacity;
    private readonly Gauge _healthy;
    private readonly Gauge _policy;
    private readonly Histogram _duration;

    /// <summary>Creates the collectors.</summary>
    public BalancerMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        _decisions = f.CreateCounter("balancer_decisions_total", "Requests routed, by destination.", DestinationLabel);
        _rejections = f.CreateCounter(
            "balancer_rejections_total",
            "Charging requests answered 503: grid_full when no substation had room by the balancer's estimate, avoidable when one had, " +
            "unreachable when no substation could be reached.",
            ["reason"]);
        _retries = f.CreateCounter("balancer_retries_total", "Requests retried on the next best substation after a full or unreachable one.");
        _forwardFailures = f.CreateCounter(
            "balancer_forward_failures_total",
            "Forwards that failed, by destination and reason (timeout, connect_timeout, unreachable, transport); each marks the destination unhealthy.",
            ["destination", "reason"]);
        _snapshotAge = f.CreateGauge("balancer_snapshot_age_seconds", "Age of the last successful /metrics poll.", DestinationLabel);
        _estimatedLoad = f.CreateGauge("balancer_estimated_load_kw", "Polled load plus what was routed since.", DestinationLabel);
        _polledLoad = f.CreateGauge("balancer_polled_load_kw", "Load in the last poll.", DestinationLabel);
        _capacity = f.CreateGauge("balancer_capacity_kw", "Capacity in the last poll.", DestinationLabel);
        _healthy = f.CreateGauge("balancer_destination_healthy", "1 when the destination may receive requests.", DestinationLabel);
        _policy = f.CreateGauge("balancer_policy_info", "1 for the load-balancing policy in use.", ["policy"]);
        _duration = f.CreateHistogram(
            "balancer_request_duration_seconds",
            "Charging requests through the balancer, retries included, by outcome (admitted, grid_full, unreachable, refused).",
            new HistogramConfiguration { LabelNames = ["outcome"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

        // Published at zero from the start, so dashboards and rate() see the series before the first event.
        _rejections.WithLabels("grid_full");
        _rejections.WithLabels("avoidable");
        _rejections.WithLabels("unreachable");
    }

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts a routing decision (the child series is looked up once per destination).</summary>
    public void Decision(string destination) =>
        _decisionsByDestination.GetOrAdd(destination, static (d, counter) => counter.WithLabels(d), _decisions).Inc();

    /// <summary>Counts a 503 to a charging request: why (<see cref="PlacementFailure"/>), and whether a substation had room.</summary>
    public void Rejected(string failure, bool avoidable) =>
        _rejections.WithLabels(failure == PlacementFailure.NoSubstationReachable ? "unreachable" : avoidable ? "avoidable" : "grid_full").Inc();

    /// <summary>Counts a failed forward.</summary>
    public void ForwardFailed(string destination, string reason) => _forwardFailures.WithLabels(destination, reason).Inc();

    /// <summary>Records how long a charging request took at the balancer.</summary>
    public void Completed(TimeSpan duration, int status, string? failure = null) =>
        _duration.WithLabels(status switch
        {
            201 => "admitted",
            503 when failure == PlacementFailure.NoSubstationReachable => "unreachable",
            503 => "grid_full",
            _ => "refused",
        }).Observe(duration.TotalSeconds);

    /// <summary>Counts a retry.</summary>
    public void Retried() => _retries.Inc();

    /// <summary>Refreshes the per-destination gauges (before each scrape).</summary>
    public void Observe(IReadOnlyList<LoadEstimate> estimates, string policy)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        foreach (var e in estimates)
        {
            _decisions.WithLabels(e.DestinationId);
            _snapshotAge.WithLabels(e.DestinationId).Set(e.SnapshotAge?.TotalSeconds ?? double.NaN);
            _estimatedLoad.WithLabels(e.DestinationId).Set(e.EstimatedLoadKw);
            _polledLoad.WithLabels(e.DestinationId).Set(e.PolledLoadKw);
            _capacity.WithLabels(e.DestinationId).Set(e.CapacityKw);
            _healthy.WithLabels(e.DestinationId).Set(e.Healthy ? 1 : 0);
        }

        foreach (var name in Configuration.Policies.All)
        {
            _policy.WithLabels(name).Set(name == policy ? 1 : 0);
        }
    }
}
