using Prometheus;

namespace GridAspire.Substation.Diagnostics;

/// <summary>
/// The substation's Prometheus metrics, in a registry of its own (not prometheus-net's static default) so that
/// several substations in one process, as in the tests, never share a series.
/// </summary>
public sealed class SubstationMetrics
{
    private static readonly string[] Labels = ["substation"];

    /// <summary>Creates the collectors for substation <paramref name="substationId"/>.</summary>
    public SubstationMetrics(string substationId)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        LoadKw = factory.CreateGauge("substation_load_kw", "Power drawn right now, in kW.", Labels).WithLabels(substationId);
        CapacityKw = factory.CreateGauge("substation_capacity_kw", "Power the substation can deliver, in kW.", Labels).WithLabels(substationId);
        ActiveSessions = factory.CreateGauge("substation_active_sessions", "Vehicles charging right now.", Labels).WithLabels(substationId);
        PromisedMinKw = factory.CreateGauge(
            "substation_promised_min_kw", "Minimum power promised to the sessions: what admission compares with the capacity.", Labels).WithLabels(substationId);
        ThrottledSessions = factory.CreateGauge(
            "substation_sessions_throttled", "Sessions drawing less than their vehicle's maximum because the capacity is shared.", Labels).WithLabels(substationId);
        var power = factory.CreateGauge("substation_power_kw", "Power drawn, by session priority.", ["substation", "priority"]);
        PriorityKw = power.WithLabels(substationId, "priority");
        StandardKw = power.WithLabels(substationId, "standard");
        DefaultMinKw = factory.CreateGauge(
            "substation_default_min_kw", "The minimum promised to a request that names none where power is shared; 0 where it is fixed.", Labels).WithLabels(substationId);
        NextSessionKw = factory.CreateGauge(
            "substation_next_session_kw", "What one more vehicle (standard, no maximum) would be given now where power is shared; 0 where it is fixed.", Labels).WithLabels(substationId);
        EnergyDeliveredKwh = factory.CreateCounter(
            "substation_energy_delivered_kwh_total", "Energy delivered to vehicles, in (simulated) kWh.", Labels).WithLabels(substationId);
        TimeToFull = factory.CreateHistogram(
            "substation_time_to_full_seconds",
            "Simulated time from admission until the requested energy was delivered, of sessions that completed.",
            new HistogramConfiguration { LabelNames = Labels, Buckets = Histogram.ExponentialBuckets(start: 300, factor: 1.25, count: 25) }).WithLabels(substationId);
        CapacityExceeded = factory.CreateCounter(
            "substation_capacity_exceeded_total", "Times the power allocated was found above the capacity (must stay 0).", Labels).WithLabels(substationId);
        PeakLoadKw = factory.CreateGauge(
            "substation_peak_load_kw", "Highest power allocated since start or since the allocation mode was last switched.", Labels).WithLabels(substationId);

        Admitted = factory.CreateCounter("substation_sessions_admitted_total", "Charging sessions admitted.", Labels).WithLabels(substationId);
        Rejected = factory.CreateCounter("substation_sessions_rejected_total", "Requests refused for lack of headroom.", Labels).WithLabels(substationId);
        DeadlinePassed = factory.CreateCounter(
            "substation_deadline_passed_total", "Requests not admitted because the balancer's deadline had passed.", Labels).WithLabels(substationId);
        SessionDuration = factory.CreateHistogram(
            "substation_session_duration_seconds",
            "Simulated duration of ended sessions.",
            new HistogramConfiguration
            {
                LabelNames = Labels,
                Buckets = Histogram.ExponentialBuckets(start: 300, factor: 2, count: 8),
            }).WithLabels(substationId);
    }

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary><c>substation_load_kw</c>.</summary>
    public Gauge.Child LoadKw { get; }

    /// <summary><c>substation_capacity_kw</c>.</summary>
    public Gauge.Child CapacityKw { get; }

    /// <summary><c>substation_active_sessions</c>.</summary>
    public Gauge.Child ActiveSessions { get; }

    /// <summary><c>substation_promised_min_kw</c>.</summary>
    public Gauge.Child PromisedMinKw { get; }

    /// <summary><c>substation_sessions_throttled</c>.</summary>
    public Gauge.Child ThrottledSessions { get; }

    /// <summary><c>substation_power_kw{priority="priority"}</c>.</summary>
    public Gauge.Child PriorityKw { get; }

    /// <summary><c>substation_power_kw{priority="standard"}</c>.</summary>
    public Gauge.Child StandardKw { get; }

    /// <summary><c>substation_default_min_kw</c>: a balancer reads a positive value as "this substation shares its power".</summary>
    public Gauge.Child DefaultMinKw { get; }

    /// <summary><c>substation_next_session_kw</c>.</summary>
    public Gauge.Child NextSessionKw { get; }

    /// <summary><c>substation_energy_delivered_kwh_total</c>.</summary>
    public Counter.Child EnergyDeliveredKwh { get; }

    /// <summary><c>substation_time_to_full_seconds</c> (simulated).</summary>
    public Histogram.Child TimeToFull { get; }

    /// <summary><c>substation_capacity_exceeded_total</c>.</summary>
    public Counter.Child CapacityExceeded { get; }

    /// <summary><c>substation_peak_load_kw</c>.</summary>
    public Gauge.Child PeakLoadKw { get; }

    /// <summary><c>substation_sessions_admitted_total</c>.</summary>
    public Counter.Child Admitted { get; }

    /// <summary><c>substation_sessions_rejected_total</c>.</summary>
    public Counter.Child Rejected { get; }

    /// <summary><c>substation_deadline_passed_total</c>.</summary>
    public Counter.Child DeadlinePassed { get; }

    /// <summary><c>substation_session_duration_seconds</c> (simulated).</summary>
    public Histogram.Child SessionDuration { get; }
}
