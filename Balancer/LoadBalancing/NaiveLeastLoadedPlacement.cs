using GridAspire.Balancer.Configuration;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// Policy <c>NaiveLeastLoaded</c>, the herding baseline kept for comparison: the lowest utilisation in the last poll,
/// blind to everything sent since. Between two polls every request goes to the same substation.
/// </summary>
public sealed class NaiveLeastLoadedPlacement : IPlacementPolicy
{
    /// <inheritdoc/>
    public string Name => PolicyNames.NaiveLeastLoaded;

    /// <inheritdoc/>
    public int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand)
    {
        var best = -1;
        var lowest = double.MaxValue;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].CapacityKw > 0 && candidates[i].PolledLoadKw / candidates[i].CapacityKw < lowest)
            {
                (best, lowest) = (i, candidates[i].PolledLoadKw / candidates[i].CapacityKw);
            }
        }

        return best;
    }
}
