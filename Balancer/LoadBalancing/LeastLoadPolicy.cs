using GridAspire.Balancer.Configuration;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>YARP policy <c>LeastLoad</c>: <see cref="LeastLoadChoice"/> over the tracker's estimates.</summary>
public sealed class LeastLoadPolicy(LoadTracker tracker, IOptionsMonitor<BalancerOptions> options) : ILoadBalancingPolicy
{
    /// <inheritdoc/>
    public string Name => Policies.LeastLoad;

    /// <inheritdoc/>
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(availableDestinations);
        var settings = options.CurrentValue;
        var kw = context.Features.Get<ChargeDemand>()?.Kw ?? settings.DefaultRequestKw;
        var estimates = availableDestinations.Select(d => tracker.Estimate(d.DestinationId)).OfType<LoadEstimate>().ToList();
        var choice = LeastLoadChoice.Pick(estimates, kw, settings.StaleAfter, Random.Shared);
        return choice is null ? null : availableDestinations.First(d => d.DestinationId == choice.DestinationId);
    }
}
