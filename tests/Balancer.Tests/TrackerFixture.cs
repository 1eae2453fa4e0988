using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Balancer.Tests;

/// <summary>A tracker over fake time with destinations a, b, c (capacities given), all polled empty.</summary>
internal sealed class TrackerFixture
{
    public TrackerFixture(params double[] capacities)
    {
        Tracker = new LoadTracker(Time, new TrackerFixtureOptions(Options), new BalancerMetrics());
        Ids = capacities.Select((_, i) => ((char)('a' + i)).ToString()).ToList();
        Tracker.SetDestinations(Ids.ToDictionary(id => id, id => new Uri($"http://{id}.test")));
        for (var i = 0; i < Ids.Count; i++)
        {
            Tracker.RecordPoll(Ids[i], 0, capacities[i], Ids[i]);
        }

        Time.Advance(Options.SlowStart); // past the first recovery's slow start
    }

    public FakeTimeProvider Time { get; } = new();

    public BalancerOptions Options { get; } = new() { StaleAfter = TimeSpan.FromSeconds(5), SlowStart = TimeSpan.FromSeconds(10) };

    public LoadTracker Tracker { get; }

    public List<string> Ids { get; }

    public List<LoadEstimate> Estimates() => [.. Tracker.All()];
}
