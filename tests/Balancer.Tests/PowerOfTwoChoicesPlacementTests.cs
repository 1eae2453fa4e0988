using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Tests;

public sealed class PowerOfTwoChoicesPlacementTests
{
    [Fact]
    public void The_two_choices_are_always_two_different_destinations()
    {
        // With the same one drawn twice, a quarter of the picks would go to the busy destination.
        LoadEstimate[] candidates = [Candidate("idle", inFlight: 0), Candidate("busy", inFlight: 5)];
        var policy = new PowerOfTwoChoicesPlacement();

        var picks = Enumerable.Range(0, 1000).Select(_ => policy.Pick(candidates, new ChargeDemand(11, null))).ToList();

        Assert.All(picks, p => Assert.Equal(0, p));
    }

    [Fact]
    public void One_candidate_is_the_only_choice_and_none_is_no_choice()
    {
        var policy = new PowerOfTwoChoicesPlacement();

        Assert.Equal(0, policy.Pick([Candidate("only", inFlight: 3)], new ChargeDemand(11, null)));
        Assert.Equal(-1, policy.Pick([], new ChargeDemand(11, null)));
    }

    private static LoadEstimate Candidate(string id, int inFlight) => new(
        id, new Uri($"http://{id}"), id, 0, 0, 100, TimeSpan.FromSeconds(1), Healthy: true, SlowStartFactor: 1, RequestsRouted: 0, InFlightRequests: inFlight);
}
