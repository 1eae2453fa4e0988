using System.Net;
using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Tests;

/// <summary>Choosing and reserving are one step: concurrent requests can never take the same room twice.</summary>
public sealed class PlacementTests
{
    [Fact]
    public async Task Simultaneous_requests_spread_exactly_as_the_same_requests_one_after_another()
    {
        // Capacities without common factors, so no two scores tie and LeastLoad is deterministic.
        double[] capacities = [997, 701, 503];
        var sequential = new TrackerFixture(capacities).Refresh();
        var policy = new LeastLoadPlacement(new TrackerFixtureOptions(sequential.Options));
        var placedOneByOne = Enumerable.Range(0, 250).Count(_ => sequential.Tracker.Place(11, policy).Placed);

        var concurrent = new TrackerFixture(capacities).Refresh();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return Enumerable.Range(0, 250 / 16 + 1).Count(_ => concurrent.Tracker.Place(11, policy).Placed);
        })).ToList();
        start.SetResult();
        var placedTogether = (await Task.WhenAll(workers)).Sum();

        Assert.Equal(placedOneByOne, placedTogether); // the grid filled to the same point, and no further
        Assert.Equal(
            sequential.Estimates().Select(e => (e.DestinationId, e.RequestsRouted)),
            concurrent.Estimates().Select(e => (e.DestinationId, e.RequestsRouted)));
        Assert.All(concurrent.Estimates(), e => Assert.True(e.EstimatedLoadKw <= e.CapacityKw, $"{e.DestinationId} overbooked: {e.EstimatedLoadKw}"));
    }

    [Fact]
    public void A_placement_reserves_the_power_at_once_and_completion_releases_it()
    {
        var grid = new TrackerFixture(100);
        var policy = new LeastLoadPlacement(new TrackerFixtureOptions(grid.Options));

        var placed = grid.Tracker.Place(60, policy);
        var second = grid.Tracker.Place(60, policy); // sees the first reservation: does not fit

        Assert.True(placed.Placed);
        Assert.Equal(PlacementOutcome.Full, second.Outcome);
        grid.Tracker.Complete("a", 60, admitted: false, reportedLoadKw: null);
        Assert.True(grid.Tracker.Place(60, policy).Placed);
    }

    [Fact]
    public void Tried_and_unhealthy_destinations_are_not_candidates_and_none_left_is_not_a_full_grid()
    {
        var grid = new TrackerFixture(100, 100);
        var policy = new LeastLoadPlacement(new TrackerFixtureOptions(grid.Options));
        grid.Tracker.MarkUnhealthy("a");

        Assert.Equal("b", grid.Tracker.Place(1, policy).DestinationId);
        Assert.Equal(PlacementOutcome.NoneReachable, grid.Tracker.Place(1, policy, tried: ["b"]).Outcome);
    }

    [Fact]
    public async Task With_a_single_substation_the_fit_is_checked_too_and_a_request_that_cannot_fit_is_not_sent()
    {
        using var substation = new SubstationHost("s1", 10);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = substation.Address });
        await balancer.PollAsync();
        using var http = balancer.Http();

        using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = "truck", requestedKwh = 30, maxKw = 50 });
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("grid_full", problem!["reason"].ToString());
        Assert.Equal(0, await MetricsText.ReadAsync(substation.Http(), "substation_sessions_rejected_total", ("substation", "s1")));
        Assert.Equal(0, balancer.Tracker.Estimate("s1")!.Value.RequestsRouted);
    }
}
