using GridAspire.Balancer.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// The herding baseline, kept for comparison: the lowest utilisation in the last poll, ignoring everything sent
/// since. Between two polls every request goes to the same substation.
/// </summary>
public sealed class NaiveLeastLoadedPolicy(LoadTracker tracker) : ILoadBalancingPolicy
{
    /// <inheritdoc/>
    public string Name => Policies.NaiveLeastLoaded;

    /// <inheritdoc/>
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(availableDestinations);
        return availableDestinations
            .Select(d => (Destination: d, Estimate: tracker.Estimate(d.DestinationId)))
            .Where(x => x.Estimate is { CapacityKw: > 0 })
            .OrderBy(x => x.Estimate!.PolledLoadKw / x.Estimate.CapacityKw)
            .Select(x => x.Destination)
            .FirstOrDefault();
    }
}
