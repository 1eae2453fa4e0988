using System.Globalization;
using System.Net.Http.Json;
using GridAspire.Contracts.Charging;

namespace GridAspire.LoadTester.Grid;

/// <summary>
/// Reads and steers the balancer: its view of the substations, its rejection counters, its policy (which needs the
/// balancer's admin key).
/// </summary>
public sealed class GridProbe(HttpClient balancer, string? adminKey)
{
    /// <summary>The balancer's current view.</summary>
    public async Task<BalancerState> StateAsync(CancellationToken cancellationToken) =>
        await balancer.GetFromJsonAsync<BalancerState>("/balancer/state", cancellationToken)
        ?? throw new InvalidOperationException("the balancer returned no state");

    /// <summary>Rejections so far, from <c>balancer_rejections_total</c>: (grid full, avoidable).</summary>
    public async Task<(double GridFull, double Avoidable)> RejectionsAsync(CancellationToken cancellationToken)
    {
        var text = await balancer.GetStringAsync("/metrics", cancellationToken);
        double Read(string reason) => text.Split('\n')
            .Where(l => l.StartsWith("balancer_rejections_total{", StringComparison.Ordinal) && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return (Read(PlacementFailure.GridFull), Read(PlacementFailure.Avoidable));
    }

    /// <summary>Switches the policy and, optionally, the poll interval.</summary>
    public async Task SetPolicyAsync(string policy, double? pollIntervalSeconds, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/balancer/policy") { Content = JsonContent.Create(new { policy, pollIntervalSeconds }) };
        if (adminKey is { Length: > 0 })
        {
            request.Headers.Authorization = new("Bearer", adminKey);
        }

        using var response = await balancer.SendAsync(request, cancellationToken);
        if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            throw new HttpRequestException(
                "the balancer refused to switch the policy: pass its admin key (--admin-key, or Balancer__AdminKey in the environment)",
                null,
                response.StatusCode);
        }

        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Switches every substation the balancer knows to <paramref name="allocation"/> (<c>Fixed</c> or <c>Shared</c>) with
    /// the grid's admin key, then waits until the balancer's next poll has seen it everywhere.
    /// </summary>
    public async Task SetAllocationAsync(string allocation, TimeProvider time, CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken);
        foreach (var destination in state.Destinations)
        {
            var address = destination.Address ?? throw new InvalidOperationException($"the balancer does not say where {destination.Name} is");
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(address, "/admin/allocation")) { Content = JsonContent.Create(new { allocation }) };
            if (adminKey is { Length: > 0 })
            {
                request.Headers.Authorization = new("Bearer", adminKey);
            }

            using var response = await balancer.SendAsync(request, cancellationToken);
            if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            {
                throw new HttpRequestException(
                    $"{destination.Name} refused to switch its allocation: pass the grid's admin key (--admin-key; the AppHost gives the substations the balancer's)",
                    null,
                    response.StatusCode);
            }

            response.EnsureSuccessStatusCode();
        }

        var shared = allocation == "Shared";
        var start = time.GetTimestamp();
        while (!(await StateAsync(cancellationToken)).Destinations.All(d => d.DefaultMinKw is not null == shared))
        {
            if (time.GetElapsedTime(start) > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the balancer did not see every substation switch to {allocation} within 30 s");
            }

            // Another process's next poll: asking again shortly is the only way to see it.
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
    }

    /// <summary>The substations' own counters, summed over every substation the balancer knows.</summary>
    public async Task<SubstationTotals> SubstationTotalsAsync(CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken);
        double energy = 0, sum = 0, count = 0, exceeded = 0, peak = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (var destination in state.Destinations.Where(d => d.Address is not null))
        {
            var lines = (await balancer.GetStringAsync(new Uri(destination.Address!, "/metrics"), cancellationToken)).Split('\n');
            double Sample(string name) => First(lines, name);
            energy += Sample("substation_energy_delivered_joules_total") / JoulesPerKwh;
            sum += Sample("substation_session_time_to_full_seconds_sum");
            count += Sample("substation_session_time_to_full_seconds_count");
            exceeded += Sample("substation_capacity_exceeded_total");
            var capacity = Sample(SubstationMetricNames.Capacity);
            peak = Math.Max(peak, capacity > 0 ? Sample("substation_peak_load_watts") / capacity : 0);
            foreach (var line in lines.Where(l => l.StartsWith("substation_session_time_to_full_seconds_bucket{", StringComparison.Ordinal)))
            {
                var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
                var bound = le.StartsWith("+Inf", StringComparison.Ordinal) ? double.PositiveInfinity : double.Parse(le[..le.IndexOf('"', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + Value(line);
            }
        }

        return new SubstationTotals(energy, [.. buckets.Select(b => (b.Key, b.Value))], sum, count, exceeded, peak);
    }

    /// <summary>
    /// Each substation's power drawn, capacity and vehicles (charging, and held below their maximum) now, read from the substation itself (its <c>/metrics</c>), never
    /// from the balancer's polls: balance is judged on the ground truth, not through the system under test, whose view
    /// is as old as its poll interval. A substation that does not answer is left out of this sample.
    /// </summary>
    public async Task<IReadOnlyList<SubstationLoad>> SubstationLoadsAsync(IReadOnlyList<DestinationState> substations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(substations);

        // One sample a second: a substation that hangs is left out of this one after a second, not waited for.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(1));
        var loads = await Task.WhenAll(substations.Where(d => d.Address is not null).Select(async d =>
        {
            try
            {
                var lines = (await balancer.GetStringAsync(new Uri(d.Address!, "/metrics"), deadline.Token)).Split('\n');
                double Sample(string name) => First(lines, name);
                return new SubstationLoad(
                    d.Name, Sample(SubstationMetricNames.Load) / WattsPerKw, Sample(SubstationMetricNames.Capacity) / WattsPerKw,
                    (int)Sample(SubstationMetricNames.ActiveSessions), (int)Sample(SubstationMetricNames.ThrottledSessions));
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return null;
            }
        }));
        return [.. loads.OfType<SubstationLoad>()];
    }

    private const double WattsPerKw = 1000;

    private const double JoulesPerKwh = 3.6e6;

    // The first sample of a metric family in Prometheus text (every substation series carries labels).
    private static double First(string[] lines, string name) =>
        lines.Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] == '{').Select(Value).FirstOrDefault();

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Ends a session early (used to empty the grid between compared runs).</summary>
    public async Task EndSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var response = await balancer.DeleteAsync($"/sessions/{Uri.EscapeDataString(sessionId)}", cancellationToken);
    }
}
