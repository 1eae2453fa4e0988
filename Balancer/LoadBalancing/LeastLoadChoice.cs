namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// The least-load pick, free of YARP types and of state, so it can be read and tested on its own.
/// <list type="number">
/// <item>Keep the healthy candidates where the request still fits: estimate + what it claims there &lt;= capacity (its
/// full power at a fixed-power substation, its minimum at one that shares). None: -1 (grid full).</item>
/// <item>Prefer where the vehicle will get the most power (at fixed-power substations, everywhere the same: its maximum);
/// among equals, the lowest utilisation after taking the request, against a capacity scaled down while in slow start.</item>
/// <item>Fresh snapshots: take the best, ties at random. All stale: power-of-two-choices with the same order, so a
/// balancer that lost sight of the grid still spreads load instead of trusting old numbers absolutely.</item>
/// </list>
/// </summary>
public static class LeastLoadChoice
{
    private const double Tie = 1e-9;

    // Shares closer than this are the same to a vehicle; utilisation decides.
    private const double PowerTie = 0.05;

    /// <summary>The index of the chosen candidate, or -1 when the request fits nowhere. Allocates nothing.</summary>
    public static int Pick(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand, TimeSpan staleAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int fitting = 0, best = -1, tied = 0;
        var allStale = true;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (!Fits(candidates[i], demand))
            {
                continue;
            }

            fitting++;
            allStale &= candidates[i].SnapshotAge is not { } age || age > staleAfter;
            var order = best < 0 ? -1 : Compare(candidates[i], candidates[best], demand);
            if (order < 0)
            {
                (best, tied) = (i, 1);
            }
            else if (order == 0 && random.Next(++tied) == 0)
            {
                best = i; // each of the tied candidates ends up chosen with the same probability
            }
        }

        if (fitting == 0 || !allStale)
        {
            return best;
        }

        var first = NthFitting(candidates, demand, random.Next(fitting));
        var second = NthFitting(candidates, demand, random.Next(fitting));
        return Compare(candidates[first], candidates[second], demand) <= 0 ? first : second;
    }

    /// <summary>True when the candidate may take the request: healthy, polled, and its claim fits the estimate.</summary>
    public static bool Fits(in LoadEstimate candidate, ChargeDemand demand) =>
        candidate.Healthy && candidate.CapacityKw > 0 && candidate.EstimatedLoadKw + demand.ClaimAt(candidate) <= candidate.CapacityKw + Tie;

    /// <summary>Utilisation after placing the request; a substation in slow start counts as smaller than it is.</summary>
    public static double Score(in LoadEstimate candidate, ChargeDemand demand) =>
        (candidate.EstimatedLoadKw + demand.ClaimAt(candidate)) / (candidate.CapacityKw * candidate.SlowStartFactor);

    // Negative when a is the better place: more power for the vehicle, then lower utilisation.
    private static int Compare(in LoadEstimate a, in LoadEstimate b, ChargeDemand demand)
    {
        var power = demand.PowerAt(a) - demand.PowerAt(b);
        if (Math.Abs(power) > PowerTie)
        {
            return power > 0 ? -1 : 1;
        }

        var score = Score(a, demand) - Score(b, demand);
        return score < -Tie ? -1 : score > Tie ? 1 : 0;
    }

    private static int NthFitting(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand, int n)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (Fits(candidates[i], demand) && n-- == 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("Fewer fitting candidates than counted.");
    }
}
