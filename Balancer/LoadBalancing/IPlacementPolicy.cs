namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// How a destination is chosen among the tracker's estimates for one request. It runs under the tracker's lock, in
/// the same step that reserves the request's power on the choice, so it must be quick: no I/O, no allocation.
/// </summary>
public interface IPlacementPolicy
{
    /// <summary>The policy's name, as configured and as <c>PUT /balancer/policy</c> takes it.</summary>
    string Name { get; }

    /// <summary>The index of the chosen candidate, or -1 when none should take the request.</summary>
    /// <param name="candidates">The healthy destinations not yet tried for this request.</param>
    /// <param name="demand">What the request asks for (see <see cref="ChargeDemand.ClaimAt"/>).</param>
    int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand);
}
