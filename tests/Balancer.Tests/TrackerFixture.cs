using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Balancer.Tests;

/// <summary>A tracker over fake time with destinations a, b, c (capacities given), all polled empty.</summary>
internal sealed class TrackerFixture
{
    private readonly double[] _capacities;

    public TrackerFixture(params double[] capacities)
    {
        Tracker = new LoadTracker(Time, new TrackerFixtureOptions(Options));
        Ids = capacities.Select((_, i) => ((char)('a' + i)).ToString()).ToList();
        Tracker.SetDestinations(Ids.ToDictionary(id => id, id => new Uri($"http://{id}.test")));
        for (var i = 0; i < Ids.Count; i++)
        {
            Tracker.RecordPoll(Ids[i], 0, capacities[i], Ids[i]);
        }

        Time.Advance(Options.SlowStart); // past the first recovery's slow start
        _capacities = capacities;
    }

    /// <summary>Polls every destination again, empty: the snapshots are fresh (slow start is long over).</summary>
    public TrackerFixture Refresh()
    {
        for (var i = 0; i < Ids.Count; i++)
        {
            Tracker.RecordPoll(Ids[i], 0, _capacities[i], Ids[i]);
        }

        return this;
    }

    public FakeTimeProvider Time { get; } = new();

    public BalancerOptions Options { get; } = new() { StaleAfter = TimeSpan.FromSeconds(5), SlowStart = TimeSpan.FromSeconds(10) };

    public LoadTracker Tracker { get; }

    public List<string> Ids { get; }

    public LoadEstimate[] Estimates() => [.. Tracker.All()];

    /// <summary>The destination <see cref="LeastLoadChoice"/> picks now; null when the request fits nowhere.</summary>
    public string? PickId(double kw, TimeSpan staleAfter, Random random)
    {
        var estimates = Estimates();
        var index = LeastLoadChoice.Pick(estimates, kw, staleAfter, random);
        return index < 0 ? null : estimates[index].DestinationId;
    }

    /// <summary>Places a request of <paramref name="kw"/> on <paramref name="id"/> (reserving it there), whatever the load.</summary>
    public void Reserve(string id, double kw) => Assert.True(Tracker.Place(kw, new OnlyPlacement(id)).Placed);
}
