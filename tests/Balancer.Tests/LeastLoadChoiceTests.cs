namespace GridAspire.Balancer.Tests;

public sealed class LeastLoadChoiceTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    [Fact]
    public void Fifty_requests_between_two_polls_spread_by_headroom_instead_of_herding()
    {
        var grid = new TrackerFixture(400, 300, 300);
        var random = new Random(1);

        var picks = Enumerable.Range(0, 50).Select(_ =>
        {
            var choice = grid.PickId(11, StaleAfter, random)!;
            grid.Reserve(choice, 11);
            return choice;
        }).ToList();

        var counts = grid.Ids.ToDictionary(id => id, id => picks.Count(p => p == id));
        Assert.InRange(counts["a"], 18, 22); // 400 of 1000 kW: 40 % of 50
        Assert.InRange(counts["b"], 13, 17);
        Assert.InRange(counts["c"], 13, 17);
    }

    [Fact]
    public void The_naive_argmin_of_the_last_poll_herds_which_is_what_the_estimate_prevents()
    {
        var grid = new TrackerFixture(400, 300, 300);

        var picks = Enumerable.Range(0, 50).Select(_ =>
        {
            var choice = grid.Estimates().OrderBy(e => e.PolledLoadKw / e.CapacityKw).First();
            grid.Reserve(choice.DestinationId, 11);
            return choice.DestinationId;
        }).ToList();

        Assert.Single(picks.Distinct());
    }

    [Fact]
    public void Admissions_count_until_the_next_poll_reconciles_them()
    {
        var grid = new TrackerFixture(100);
        grid.Reserve("a", 30);
        grid.Tracker.Complete("a", 30, admitted: true, reportedLoadKw: null);

        Assert.Equal(30, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
        grid.Time.Advance(TimeSpan.FromSeconds(1));
        grid.Tracker.RecordPoll("a", loadKw: 30, capacityKw: 100, "a");

        Assert.Equal(30, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
    }

    [Fact]
    public void An_admission_stops_counting_when_its_session_is_expected_to_end()
    {
        var grid = new TrackerFixture(100);
        grid.Reserve("a", 30);
        grid.Tracker.Complete("a", 30, admitted: true, reportedLoadKw: null, grid.Time.GetUtcNow().AddSeconds(10));

        Assert.Equal(30, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
        grid.Time.Advance(TimeSpan.FromSeconds(11)); // no poll in between: a slow poll

        Assert.Equal(0, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
    }

    [Fact]
    public void A_session_counted_in_the_polled_load_is_subtracted_once_it_has_ended()
    {
        var grid = new TrackerFixture(100);
        grid.Reserve("a", 30);
        grid.Tracker.Complete("a", 30, admitted: true, reportedLoadKw: null, grid.Time.GetUtcNow().AddSeconds(10));
        grid.Time.Advance(TimeSpan.FromSeconds(1));
        grid.Tracker.RecordPoll("a", loadKw: 30, capacityKw: 100, "a");

        Assert.Equal(30, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
        grid.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
        grid.Tracker.RecordPoll("a", loadKw: 0, capacityKw: 100, "a"); // the next poll agrees
        Assert.Equal(0, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
    }

    [Fact]
    public void A_load_piggybacked_on_a_response_replaces_the_older_poll()
    {
        var grid = new TrackerFixture(100);
        grid.Reserve("a", 10);

        grid.Tracker.Complete("a", 10, admitted: true, reportedLoadKw: 70);

        Assert.Equal(70, grid.Tracker.Estimate("a")!.Value.EstimatedLoadKw);
    }

    [Fact]
    public void Stale_snapshots_fall_back_to_power_of_two_choices()
    {
        var fresh = new TrackerFixture(100, 100, 100);
        fresh.Tracker.RecordPoll("c", 90, 100, "c");
        var stale = new TrackerFixture(100, 100, 100);
        stale.Tracker.RecordPoll("c", 90, 100, "c");
        stale.Time.Advance(StaleAfter + TimeSpan.FromSeconds(1));
        var random = new Random(7);

        var freshPicks = Enumerable.Range(0, 300).Select(_ => fresh.PickId(1, StaleAfter, random)).ToList();
        var stalePicks = Enumerable.Range(0, 300).Select(_ => stale.PickId(1, StaleAfter, random)).ToList();

        Assert.DoesNotContain("c", freshPicks);
        Assert.Contains("c", stalePicks); // both random choices landed on c: about 1 in 9
        Assert.InRange(stalePicks.Count(p => p == "c"), 10, 70);
    }

    [Fact]
    public void Ties_are_broken_at_random()
    {
        var grid = new TrackerFixture(100, 100);
        var random = new Random(3);

        var picks = Enumerable.Range(0, 100).Select(_ => grid.PickId(1, StaleAfter, random)).ToList();

        Assert.InRange(picks.Count(p => p == "a"), 30, 70);
    }

    [Fact]
    public void Unhealthy_destinations_are_skipped_until_a_poll_succeeds()
    {
        var grid = new TrackerFixture(100, 100);
        grid.Tracker.MarkUnhealthy("a");
        var random = new Random(5);

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal("b", grid.PickId(1, StaleAfter, random)));
        grid.Tracker.RecordPoll("a", 0, 100, "a");
        Assert.True(grid.Tracker.IsHealthy("a"));
    }

    [Fact]
    public void When_nothing_fits_there_is_no_pick()
    {
        var grid = new TrackerFixture(100, 50);
        grid.Tracker.RecordPoll("a", 95, 100, "a");
        grid.Tracker.RecordPoll("b", 46, 50, "b");

        Assert.Null(grid.PickId(11, StaleAfter, new Random(1)));
        Assert.Equal("a", grid.PickId(5, StaleAfter, new Random(1)));
    }

    [Fact]
    public void A_recovered_destination_ramps_up_instead_of_being_flooded()
    {
        var grid = new TrackerFixture(100, 100);
        grid.Tracker.RecordPoll("a", 50, 100, "a");
        grid.Tracker.MarkUnhealthy("b");
        grid.Tracker.RecordPoll("b", 0, 100, "b"); // recovered just now, empty
        var random = new Random(2);

        var picks = Enumerable.Range(0, 10).Select(_ =>
        {
            var choice = grid.PickId(5, StaleAfter, random)!;
            grid.Reserve(choice, 5);
            return choice;
        }).ToList();

        Assert.Equal(0.1, grid.Tracker.Estimate("b")!.Value.SlowStartFactor, precision: 3);
        Assert.Contains("a", picks); // an empty-but-recovering b would otherwise take all ten
        grid.Time.Advance(grid.Options.SlowStart);
        Assert.Equal(1, grid.Tracker.Estimate("b")!.Value.SlowStartFactor);
    }
}
