namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// The least-load pick, free of YARP types and of state, so it can be read and tested on its own.
/// <list type="number">
/// <item>Keep the healthy candidates where the request still fits: estimate + request &lt;= capacity. None: -1 (grid full).</item>
/// <item>Score each by its utilisation after taking the request, against a capacity scaled down while it is in slow start.</item>
/// <item>Fresh snapshots: take the lowest score, ties at random. All stale: power-of-two-choices on the scores,
/// so a balancer that lost sight of the grid still spreads load instead of trusting old numbers absolutely.</item>
/// </list>
/// </summary>
public static class LeastLoadChoice
{
    private const double Tie = 1e-9;

    /// <summary>The index of the chosen candidate, or -1 when the request fits nowhere. Allocates nothing.</summary>
    public static int Pick(ReadOnlySpan<LoadEstimate> candidates, double requestKw, TimeSpan staleAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int fitting = 0, best = -1, tied = 0;
        var allStale = true;
        var bestScore = double.MaxValue;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (!Fits(candidates[i], requestKw))
            {
                continue;
            }

            fitting++;
            allStale &= candidates[i].SnapshotAge is not { } age || age > staleAfter;
            var score = Score(candidates[i], requestKw);
            if (score < bestScore - Tie)
            {
                (best, bestScore, tied) = (i, score, 1);
            }
            else if (score <= bestScore + Tie && random.Next(++tied) == 0)
            {
                best = i; // each of the tied candidates ends up chosen with the same probability
            }
        }

        if (fitting == 0 || !allStale)
        {
            return best;
        }

        var first = NthFitting(candidates, requestKw, random.Next(fitting));
        var second = NthFitting(candidates, requestKw, random.Next(fitting));
        return Score(candidates[first], requestKw) <= Score(candidates[second], requestKw) ? first : second;
    }

    /// <summary>True when the candidate may take the request: healthy, polled, and the request fits its estimate.</summary>
    public static bool Fits(in LoadEstimate candidate, double requestKw) =>
        candidate.Healthy && candidate.CapacityKw > 0 && candidate.EstimatedLoadKw + requestKw <= candidate.CapacityKw + Tie;

    /// <summary>Utilisation after placing the request; a substation in slow start counts as smaller than it is.</summary>
    public static double Score(in LoadEstimate candidate, double requestKw) =>
        (candidate.EstimatedLoadKw + requestKw) / (candidate.CapacityKw * candidate.SlowStartFactor);

    private static int NthFitting(ReadOnlySpan<LoadEstimate> candidates, double requestKw, int n)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (Fits(candidates[i], requestKw) && n-- == 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("Fewer fitting candidates than counted.");
    }
}
