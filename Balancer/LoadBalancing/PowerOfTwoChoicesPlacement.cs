using GridAspire.Balancer.Configuration;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// Policy <c>PowerOfTwoChoices</c>, as YARP's built-in one: two different destinations at random, the one with fewer
/// requests in flight. Blind to power: a comparison point.
/// </summary>
public sealed class PowerOfTwoChoicesPlacement : IPlacementPolicy
{
    /// <inheritdoc/>
    public string Name => PolicyNames.PowerOfTwoChoices;

    /// <inheritdoc/>
    public int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand)
    {
        if (candidates.Length == 0)
        {
            return -1;
        }

        if (candidates.Length == 1)
        {
            return 0;
        }

        // The second is drawn from the others: two draws of the same one would be no choice at all.
        var first = Random.Shared.Next(candidates.Length);
        var second = (first + 1 + Random.Shared.Next(candidates.Length - 1)) % candidates.Length;
        return candidates[first].InFlightRequests <= candidates[second].InFlightRequests ? first : second;
    }
}
