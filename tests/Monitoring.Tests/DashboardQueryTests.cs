using System.Diagnostics;
using System.Text.Json;

namespace GridAspire.Monitoring.Tests;

public sealed class DashboardQueryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [PrometheusFact]
    public async Task Every_query_of_the_grafana_dashboard_returns_data_from_the_services_real_metrics()
    {
        var queries = DashboardQueries();
        using var s1 = new SubstationHost("s1", 200);
        using var s2 = new SubstationHost("s2", 100);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address });
        await balancer.PollAsync();
        await using var kv = await KvCluster.StartAsync(3);
        using var prometheus = new PrometheusServer(new Dictionary<string, IReadOnlyList<Uri>>
        {
            ["substation"] = [s1.Address, s2.Address],
            ["balancer"] = [balancer.Address],
            ["kv"] = kv.Nodes.Select(n => n.Address).ToList(),
        });
        using var http = new HttpClient();
        using var grid = balancer.Http();

        var missing = queries;
        var clock = Stopwatch.StartNew();
        for (var round = 0; missing.Count > 0 && clock.Elapsed < Deadline; round++)
        {
            // Traffic keeps flowing while Prometheus collects the two samples rate() needs.
            using var admitted = await grid.PostAsJsonAsync("/sessions", new { vehicleId = $"ev{round}", requestedKwh = 1, maxKw = 1 });
            await kv.Nodes[round % 3].Http().PutAsJsonAsync($"/kv/k{round}", new { value = "v" });
            var counts = await Task.WhenAll(missing.Select(async q => (Query: q, Series: await prometheus.SeriesAsync(http, q))));
            Assert.DoesNotContain(counts, c => c.Series < 0); // a query Prometheus cannot even parse
            missing = counts.Where(c => c.Series == 0).Select(c => c.Query).ToList();
            if (missing.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)); // Prometheus is another process scraping on its own clock
            }
        }

        Assert.True(missing.Count == 0, "no data for: " + string.Join(" | ", missing));
        Assert.Equal(2, await prometheus.SeriesAsync(http, "substation_load_watts"));
        Assert.Equal(0, await prometheus.SeriesAsync(http, "substation_laod_watts")); // the check can fail
    }

    private static List<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "monitoring", "grafana", "dashboard.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.All(panels, p => Assert.Equal("timeseries", p.GetProperty("type").GetString()));
        Assert.All(panels, p => Assert.Equal("gridaspire-prometheus", p.GetProperty("datasource").GetProperty("uid").GetString()));
        var queries = panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(queries.Count >= 10);
        return queries;
    }
}
