using GridAspire.Balancer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>Policy <c>LeastLoad</c>: <see cref="LeastLoadChoice"/> over the tracker's estimates.</summary>
public sealed class LeastLoadPlacement(IOptionsMonitor<BalancerOptions> options) : IPlacementPolicy
{
    /// <inheritdoc/>
    public string Name => PolicyNames.LeastLoad;

    /// <inheritdoc/>
    public int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand) =>
        LeastLoadChoice.Pick(candidates, demand, options.CurrentValue.StaleAfter, Random.Shared);
}
