using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Balancer.Tests;

/// <summary>
/// A substation that accepts connections and never answers (a hung process, a dead one behind an orchestrator's
/// proxy, a black-holed path) must cost one request a short, bounded wait, and then nothing more until it recovers.
/// </summary>
public sealed class HungSubstationTests
{
    // The defaults, spelt out: the assertions below are about them.
    private static readonly Dictionary<string, string?> ShortTimeouts = new()
    {
        ["Balancer:ResponseTimeout"] = "00:00:01",
        ["Balancer:ConnectTimeout"] = "00:00:01",
    };

    [Fact]
    public async Task A_hung_substation_costs_one_request_a_bounded_wait_and_gets_nothing_more_until_it_recovers()
    {
        using var s1 = new SubstationHost("s1", 100);
        using var s2 = new SubstationHost("s2", 100);
        using var s3 = new SubstationHost("s3", 1000); // the most headroom: LeastLoad sends the next vehicle there
        await using var proxy = new HangingTcpProxy(s3.Address);
        using var balancer = new BalancerHost(
            new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address, ["s3"] = proxy.Address }, settings: ShortTimeouts, realClock: true);
        await balancer.PollAsync();
        using var http = new HttpClient { BaseAddress = balancer.Address, Timeout = TimeSpan.FromSeconds(10) };

        proxy.Hang();
        var clock = Stopwatch.StartNew();
        using var first = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev0", requestedKwh = 10, maxKw = 11 });
        var waited = clock.Elapsed;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.NotEqual("s3", (await first.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["substationId"].ToString());
        Assert.InRange(waited, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4)); // one response timeout, not the client's 10 s
        Assert.False(balancer.Tracker.IsHealthy("s3"));
        Assert.Equal(1, await MetricsText.ReadAsync(http, "balancer_forward_failures_total", ("destination", "s3"), ("reason", "timeout")));

        for (var i = 1; i <= 10; i++)
        {
            using var next = await http.PostAsJsonAsync("/sessions", new { vehicleId = $"ev{i}", requestedKwh = 10, maxKw = 11 });
            Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        }

        Assert.Equal(1, balancer.Tracker.Estimate("s3")!.Value.RequestsRouted); // nothing more went to the hung one
        await balancer.PollAsync(); // its poll hangs too (and times out): still out
        Assert.False(balancer.Tracker.IsHealthy("s3"));

        proxy.Resume();
        await balancer.PollAsync();
        Assert.True(balancer.Tracker.IsHealthy("s3"));
        balancer.Time.Advance(TimeSpan.FromSeconds(10)); // past slow start
        await balancer.PollAsync(); // fresh snapshots again: stale ones would make LeastLoad fall back to random choices
        using var after = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev-after", requestedKwh = 10, maxKw = 11 });
        Assert.Equal("s3", (await after.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["substationId"].ToString());
    }

    [Fact]
    public async Task A_hung_substation_answering_late_does_not_admit_a_vehicle_the_balancer_placed_elsewhere()
    {
        var s2Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var s1 = new SubstationHost("s1", 100);
        using var s2 = new SubstationHost("s2", 1000, time: s2Clock);
        await using var proxy = new HangingTcpProxy(s2.Address);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = proxy.Address }, settings: ShortTimeouts, realClock: true);
        await balancer.PollAsync();
        using var http = balancer.Http();

        proxy.Hang();
        using var placed = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev", requestedKwh = 10, maxKw = 11 });
        Assert.Equal("s1", (await placed.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["substationId"].ToString());

        // The held request reaches s2 only now, by its clock well past the deadline the balancer gave it.
        s2Clock.Advance(TimeSpan.FromSeconds(30));
        proxy.Resume();
        using var s2Http = s2.Http();
        var metrics = await WaitForAsync(s2Http, "substation_deadline_passed_total", 1);
        Assert.Equal(0, MetricsText.Value(metrics, "substation_sessions_admitted_total", ("substation", "s2")));
    }

    [Fact]
    public async Task When_every_substation_hangs_the_answer_says_none_was_reachable_not_that_the_grid_is_full()
    {
        using var s1 = new SubstationHost("s1", 100);
        await using var proxy = new HangingTcpProxy(s1.Address);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = proxy.Address }, settings: ShortTimeouts, realClock: true);
        await balancer.PollAsync();
        using var http = balancer.Http();

        proxy.Hang();
        using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev", requestedKwh = 10, maxKw = 11 });
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no_substation_reachable", problem!["reason"].ToString());
        Assert.Equal("No substation reachable", problem["title"].ToString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    // The substation counts asynchronously to this test; poll its own metrics until the line shows, with a deadline.
    private static async Task<string> WaitForAsync(HttpClient substation, string metric, double value)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var text = await substation.GetStringAsync("/metrics");
            if (MetricsText.Value(text, metric) == value || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Equal(value, MetricsText.Value(text, metric));
                return text;
            }

            await Task.Delay(50);
        }
    }
}
