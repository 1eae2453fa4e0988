using GridAspire.Balancer.Configuration;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// Policy <c>PowerOfTwoChoices</c>, as YARP's built-in one: two destinations at random, the one with fewer requests in
/// flight. Blind to power: a comparison point.
/// </summary>
public sealed class PowerOfTwoChoicesPlacement : IPlacementPolicy
{
    /// <inheritdoc/>
    public string Name => Policies.PowerOfTwoChoices;

    /// <inheritdoc/>
    public int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand)
    {
        if (candidates.Length == 0)
        {
            return -1;
        }

        var first = Random.Shared.Next(candidates.Length);
        var second = Random.Shared.Next(candidates.Length);
        return candidates[first].InFlightRequests <= candidates[second].InFlightRequests ? first : second;
    }
}
