using GridAspire.LoadTester.Statistics;

namespace GridAspire.LoadTester.RushHour;

/// <summary>The outcome of one rush hour.</summary>
public sealed record RunResult
{
    /// <summary>What was run, e.g. "LeastLoad" or "LeastLoad, 5 s poll".</summary>
    public required string Label { get; init; }

    /// <summary>The balancer's policy.</summary>
    public required string Policy { get; init; }

    /// <summary>The balancer's poll interval in seconds.</summary>
    public required double PollIntervalSeconds { get; init; }

    /// <summary>Seed of the arrivals.</summary>
    public required int Seed { get; init; }

    /// <summary>Start, for Prometheus/Grafana queries (RFC 3339).</summary>
    public required DateTimeOffset StartUtc { get; init; }

    /// <summary>End, for Prometheus/Grafana queries (RFC 3339).</summary>
    public required DateTimeOffset EndUtc { get; init; }

    /// <summary>Requests sent.</summary>
    public required long Requests { get; init; }

    /// <summary>201 answers.</summary>
    public required long Admitted { get; init; }

    /// <summary>503 answers (grid full).</summary>
    public required long Rejected { get; init; }

    /// <summary>Rejections when no substation had room, from the balancer's metrics.</summary>
    public required double GridFullRejections { get; init; }

    /// <summary>Rejections while another substation had headroom, from the balancer's metrics.</summary>
    public required double AvoidableRejections { get; init; }

    /// <summary>Anything but 201 or 503, and transport failures. Must be zero.</summary>
    public required long Errors { get; init; }

    /// <summary>Latency percentiles and maximum, in ms.</summary>
    public required double P50Ms { get; init; }

    /// <summary>95th percentile, ms.</summary>
    public required double P95Ms { get; init; }

    /// <summary>99th percentile, ms.</summary>
    public required double P99Ms { get; init; }

    /// <summary>Largest latency, ms.</summary>
    public required double MaxMs { get; init; }

    /// <summary>Share of the admitted kW per substation.</summary>
    public required IReadOnlyDictionary<string, double> KwShare { get; init; }

    /// <summary>Utilisation and fairness during the hold phase (the peak of the rush hour).</summary>
    public required GridFigures Hold { get; init; }

    /// <summary>What placement meant for the vehicles during the hold phase, from the substations themselves.</summary>
    public VehicleFigures Vehicles { get; init; } = VehicleFigures.Empty;

    /// <summary>
    /// Simulated minutes from admission to full, mean over the sessions that completed during the run (the substations'
    /// own histograms); null when none did.
    /// </summary>
    public double? MeanTimeToFullMinutes { get; init; }

    /// <summary>The 95th percentile of those times, in minutes (histogram buckets: an upper bound); null when none completed.</summary>
    public double? P95TimeToFullMinutes { get; init; }

    /// <summary>This result with the time to full of the sessions that completed between two readings of the substations.</summary>
    public RunResult WithTimeToFull(Grid.SubstationTotals before, Grid.SubstationTotals after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var completed = after.TimeToFullCount - before.TimeToFullCount;
        return this with
        {
            MeanTimeToFullMinutes = completed > 0 ? (after.TimeToFullSum - before.TimeToFullSum) / completed / 60 : null,
            P95TimeToFullMinutes = after.TimeToFullQuantileSince(before, 0.95) / 60,
        };
    }

    /// <summary>Avoidable rejections as a share of requests.</summary>
    public double AvoidableRate => Requests == 0 ? 0 : AvoidableRejections / Requests;

    /// <summary>The per-second series.</summary>
    public required IReadOnlyList<SecondStats> Seconds { get; init; }

    /// <summary>What each scheduled fault's command said (<c>--kill-at</c>); empty when none ran.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>Requests sent on to another API replica, or asked again, before their final answer.</summary>
    public long Retries { get; init; }
}
