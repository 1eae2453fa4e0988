using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Balancer.Tests;

/// <summary>
/// A substation refuses a request that comes after the balancer's deadline (<c>X-Substation-Refusal: deadline_passed</c>).
/// That says nothing about room: the balancer places the vehicle on the next substation and never reports the grid full.
/// A substation whose clock runs a minute ahead of the balancer's finds every deadline past, as a skewed clock would.
/// </summary>
public sealed class LateRefusalTests
{
    private static readonly FakeTimeProvider MinuteAhead = new(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));

    [Fact]
    public async Task A_substation_that_finds_the_deadline_past_is_skipped_and_the_vehicle_is_booked_on_the_next()
    {
        using var skewed = new SubstationHost("s1", 1000, time: MinuteAhead); // the most room: tried first
        using var s2 = new SubstationHost("s2", 100);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = skewed.Address, ["s2"] = s2.Address });
        await balancer.PollAsync();
        using var http = balancer.Http();

        using var placed = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev", requestedKwh = 10, maxKw = 11 });

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal("s2", (await placed.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["substationId"].ToString());
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Equal(1, MetricsText.Value(metrics, "balancer_forward_failures_total", ("destination", "s1"), ("reason", "deadline_passed")));
        Assert.Equal(0, MetricsText.Value(metrics, "balancer_rejections_total", ("reason", "grid_full")));
        Assert.Equal(0, MetricsText.Value(metrics, "balancer_rejections_total", ("reason", "no_substation_reachable")));
        Assert.True(balancer.Tracker.IsHealthy("s1"), "a late answer is not the substation's health");
    }

    [Fact]
    public async Task When_every_substation_finds_the_deadline_past_the_answer_is_not_that_the_grid_is_full()
    {
        using var skewed = new SubstationHost("s1", 1000, time: MinuteAhead);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = skewed.Address });
        await balancer.PollAsync();
        using var http = balancer.Http();

        using var refused = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev", requestedKwh = 10, maxKw = 11 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("no_substation_reachable", problem!["reason"].ToString());
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Equal(0, MetricsText.Value(metrics, "balancer_rejections_total", ("reason", "grid_full")));
        Assert.Equal(1, MetricsText.Value(metrics, "balancer_rejections_total", ("reason", "no_substation_reachable")));
    }
}
