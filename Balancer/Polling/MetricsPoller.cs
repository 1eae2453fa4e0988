using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Contracts.Charging;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Polling;

/// <summary>
/// Polls every destination's Prometheus <c>/metrics</c> for its load and capacity (<see cref="SubstationMetricNames"/>), every <see cref="BalancerOptions.PollInterval"/> with jitter, each destination in a
/// loop of its own: one that hangs costs only its own poll, never the freshness of the others. A failed poll marks
/// the destination unhealthy (active health) until one succeeds. Polls are background chatter: not traced, logged
/// only when a destination's health changes.
/// </summary>
public sealed class MetricsPoller(
    LoadTracker tracker,
    IHttpClientFactory clients,
    IOptionsMonitor<BalancerOptions> options,
    TimeProvider time,
    ILogger<MetricsPoller> logger) : BackgroundService
{
    private static readonly HashSet<string> Wanted =
    [
        SubstationMetricNames.Load, SubstationMetricNames.Capacity, SubstationMetricNames.DefaultMin,
        SubstationMetricNames.NextSession, SubstationMetricNames.ActiveSessions, SubstationMetricNames.Promised,
    ];

    /// <summary>Name of the HttpClient used for polling.</summary>
    public const string HttpClientName = "metrics-poll";

    /// <summary>Overrides <see cref="BalancerOptions.PollInterval"/> at run time (the load tester's stale-poll runs).</summary>
    public TimeSpan? IntervalOverride { get; set; }

    /// <summary>The poll interval in force.</summary>
    public TimeSpan Interval => IntervalOverride ?? options.CurrentValue.PollInterval;

    /// <summary>Polls every destination once, concurrently (tests drive polling with it).</summary>
    public Task PollOnceAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(tracker.Addresses().Keys.Select(id => PollAsync(id, cancellationToken)));

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Destinations come and go with discovery: a loop is started for each new one and stopped for each gone.
        var loops = new Dictionary<string, CancellationTokenSource>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var current = tracker.Addresses();
                foreach (var gone in loops.Keys.Where(id => !current.ContainsKey(id)).ToList())
                {
                    await loops[gone].CancelAsync();
                    loops[gone].Dispose();
                    loops.Remove(gone);
                }

                foreach (var id in current.Keys.Where(id => !loops.ContainsKey(id)))
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    loops[id] = stop;
                    _ = PollLoopAsync(id, stop.Token);
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var stop in loops.Values)
            {
                await stop.CancelAsync();
                stop.Dispose();
            }
        }
    }

    private async Task PollLoopAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PollAsync(id, cancellationToken);
                var spread = 1 + (options.CurrentValue.PollJitter * ((Random.Shared.NextDouble() * 2) - 1));
                await Task.Delay(Interval * spread, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The destination is gone, or the balancer stops.
        }
    }

    private async Task PollAsync(string id, CancellationToken cancellationToken)
    {
        if (tracker.AddressOf(id) is not { } address)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.PollTimeout);
            var text = await clients.CreateClient(HttpClientName).GetStringAsync(new Uri(address, MetricsEndpoint.Path), timeout.Token);
            var samples = PrometheusText.FirstSamples(text, Wanted);
            var load = Required(samples, SubstationMetricNames.Load);
            var loadKw = SubstationMetricNames.Kilowatts(load.Value);
            var capacityKw = SubstationMetricNames.Kilowatts(Required(samples, SubstationMetricNames.Capacity).Value);
            if (capacityKw <= 0 || loadKw < 0)
            {
                throw new InvalidDataException($"implausible load {loadKw} kW of capacity {capacityKw} kW");
            }

            // A substation that shares its power says so with its default minimum; what its admission compares with the
            // capacity is then the minimums it promised, not its load.
            var sharing = Kilowatts(samples, SubstationMetricNames.DefaultMin) is > 0 and var defaultMin
                ? new PowerSharing(
                    defaultMin,
                    Kilowatts(samples, SubstationMetricNames.NextSession) ?? 0,
                    (int)(samples.GetValueOrDefault(SubstationMetricNames.ActiveSessions)?.Value ?? 0),
                    Kilowatts(samples, SubstationMetricNames.Promised) ?? loadKw)
                : null;
            var wasHealthy = tracker.IsHealthy(id);
            tracker.RecordPoll(id, loadKw, capacityKw, load.Labels.GetValueOrDefault(SubstationMetricNames.SubstationLabel), sharing);
            if (!wasHealthy)
            {
                BalancerLog.Recovered(logger, id, loadKw, capacityKw);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or InvalidDataException)
        {
            if (tracker.MarkUnhealthy(id))
            {
                BalancerLog.PollFailed(logger, id, ex.Message);
            }
        }
    }

    private static double? Kilowatts(IReadOnlyDictionary<string, PrometheusText.Sample> samples, string metric) =>
        samples.TryGetValue(metric, out var sample) ? SubstationMetricNames.Kilowatts(sample.Value) : null;

    private static PrometheusText.Sample Required(IReadOnlyDictionary<string, PrometheusText.Sample> samples, string metric) =>
        samples.TryGetValue(metric, out var sample) ? sample : throw new InvalidDataException($"no {metric} sample");
}
