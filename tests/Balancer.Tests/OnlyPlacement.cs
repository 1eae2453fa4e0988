using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Tests;

/// <summary>A policy for tests that always picks one destination (when it is a candidate).</summary>
internal sealed class OnlyPlacement(string id) : IPlacementPolicy
{
    public string Name => "Only";

    public int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].DestinationId == id)
            {
                return i;
            }
        }

        return -1;
    }
}
