using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Polling;

/// <summary>
/// Polls every destination's Prometheus <c>/metrics</c> for <c>substation_load_kw</c> and
/// <c>substation_capacity_kw</c>, every <see cref="BalancerOptions.PollInterval"/> with jitter. A failed poll marks
/// the destination unhealthy (active health) until one succeeds.
/// </summary>
public sealed class MetricsPoller(
    LoadTracker tracker,
    IHttpClientFactory clients,
    IOptionsMonitor<BalancerOptions> options,
    TimeProvider time,
    ILogger<MetricsPoller> logger) : BackgroundService
{
    /// <summary>Name of the HttpClient used for polling.</summary>
    public const string HttpClientName = "metrics-poll";

    /// <summary>Overrides <see cref="BalancerOptions.PollInterval"/> at run time (the load tester's stale-poll runs).</summary>
    public TimeSpan? IntervalOverride { get; set; }

    /// <summary>The poll interval in force.</summary>
    public TimeSpan Interval => IntervalOverride ?? options.CurrentValue.PollInterval;

    /// <summary>Polls every destination once, concurrently.</summary>
    public Task PollOnceAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(tracker.Addresses().Select(d => PollAsync(d.Key, d.Value, cancellationToken)));

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await PollOnceAsync(stoppingToken);
            var settings = options.CurrentValue;
            var spread = 1 + (settings.PollJitter * ((Random.Shared.NextDouble() * 2) - 1));
            await Task.Delay(Interval * spread, time, stoppingToken);
        }
    }

    private async Task PollAsync(string id, Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.PollTimeout);
            var text = await clients.CreateClient(HttpClientName).GetStringAsync(new Uri(address, "/metrics"), timeout.Token);
            var load = FirstSample(text, "substation_load_kw");
            var capacity = FirstSample(text, "substation_capacity_kw");
            if (capacity.Value <= 0 || load.Value < 0)
            {
                throw new InvalidDataException($"implausible load {load.Value} kW of capacity {capacity.Value} kW");
            }

            var wasHealthy = tracker.IsHealthy(id);
            tracker.RecordPoll(id, load.Value, capacity.Value, load.Labels.GetValueOrDefault("substation"));
            if (!wasHealthy)
            {
                BalancerLog.Recovered(logger, id, load.Value, capacity.Value);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or InvalidDataException)
        {
            if (tracker.IsHealthy(id))
            {
                BalancerLog.PollFailed(logger, id, ex.Message);
            }

            tracker.MarkUnhealthy(id);
        }
    }

    private static PrometheusText.Sample FirstSample(string text, string metric)
    {
        var samples = PrometheusText.Samples(text, metric);
        return samples.Count > 0 ? samples[0] : throw new InvalidDataException($"no {metric} sample");
    }
}
