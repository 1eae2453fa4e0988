using GridAspire.Balancer.Configuration;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>Policy <c>RoundRobin</c>, as YARP's built-in one: the next destination in turn. Blind to load: a comparison point.</summary>
public sealed class RoundRobinPlacement : IPlacementPolicy
{
    private uint _next;

    /// <inheritdoc/>
    public string Name => PolicyNames.RoundRobin;

    /// <inheritdoc/>
    public int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand) =>
        candidates.Length == 0 ? -1 : (int)(Interlocked.Increment(ref _next) % (uint)candidates.Length);
}
