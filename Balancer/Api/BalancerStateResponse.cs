using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Api;

/// <summary>Body of <c>GET /balancer/state</c> (and of <c>PUT /balancer/policy</c>).</summary>
/// <param name="Replica">The balancer replica that answered.</param>
/// <param name="Policy">The load-balancing policy in use.</param>
/// <param name="PollInterval">How often substations are polled.</param>
/// <param name="Destinations">What the balancer believes about each substation.</param>
/// <param name="Peers">After a policy switch: what each other replica said when it was passed on ("switched", or why not).</param>
public sealed record BalancerStateResponse(
    string Replica, string Policy, TimeSpan PollInterval, IReadOnlyList<DestinationView> Destinations, IReadOnlyDictionary<string, string>? Peers = null)
{
    /// <summary>The state as <paramref name="estimates"/> describe it.</summary>
    public static BalancerStateResponse From(string replica, string policy, TimeSpan pollInterval, IReadOnlyList<LoadEstimate> estimates) =>
        new(replica, policy, pollInterval, [.. estimates.Select(DestinationView.From)]);
}

/// <summary>Body of <c>PUT /balancer/policy</c>.</summary>
/// <param name="Policy">LeastLoad, NaiveLeastLoaded, PowerOfTwoChoices or RoundRobin.</param>
/// <param name="PollIntervalSeconds">Optional new poll interval, 0.1-60 s (for stale-poll experiments).</param>
public sealed record PolicyRequest(string? Policy, double? PollIntervalSeconds = null);
