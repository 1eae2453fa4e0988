using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Tests;

/// <summary>
/// The herding baseline must herd, or the comparison that shows what LeastLoad fixes shows nothing: between two polls
/// it sends everything to the substation that was least loaded at the poll, past its capacity, while others have room.
/// </summary>
public sealed class NaiveLeastLoadedPlacementTests
{
    [Fact]
    public void Between_two_polls_every_request_goes_to_the_substation_least_loaded_at_the_poll()
    {
        var grid = new TrackerFixture(100, 100, 100).Refresh();
        grid.Tracker.RecordPoll("a", 30, 100, "a");
        grid.Tracker.RecordPoll("c", 20, 100, "c");

        var picks = Enumerable.Range(0, 6).Select(_ => grid.Tracker.Place(10, new NaiveLeastLoadedPlacement()).DestinationId).ToList();

        Assert.All(picks, pick => Assert.Equal("b", pick)); // polled empty, so chosen again and again
    }

    [Fact]
    public void It_keeps_sending_to_its_pick_past_capacity_while_LeastLoad_spreads_within_it()
    {
        var naive = new TrackerFixture(100, 100, 100).Refresh();
        var leastLoad = new TrackerFixture(100, 100, 100).Refresh();
        var least = new LeastLoadPlacement(new TrackerFixtureOptions(leastLoad.Options));

        var naivePicks = Enumerable.Range(0, 15).Select(_ => naive.Tracker.Place(10, new NaiveLeastLoadedPlacement()).DestinationId).ToList();
        var leastPicks = Enumerable.Range(0, 15).Select(_ => leastLoad.Tracker.Place(10, least).DestinationId).ToList();

        // 150 kW sent to a 100 kW substation: its 503s are the avoidable rejections the comparison counts.
        Assert.All(naivePicks, pick => Assert.Equal("a", pick));
        Assert.Equal([150.0, 0, 0], naive.Estimates().Select(e => e.EstimatedLoadKw));
        Assert.Equal([50.0, 50, 50], leastLoad.Estimates().Select(e => e.EstimatedLoadKw));
    }
}
