namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// The least-load pick, free of YARP types so it can be read and tested on its own.
/// <list type="number">
/// <item>Keep the healthy candidates where the request still fits: estimate + request &lt;= capacity. None: null (grid full).</item>
/// <item>Score each by its utilisation after taking the request, against a capacity scaled down while it is in slow start.</item>
/// <item>Fresh snapshots: take the lowest score, ties at random. All stale: power-of-two-choices on the scores,
/// so a balancer that lost sight of the grid still spreads load instead of trusting old numbers absolutely.</item>
/// </list>
/// </summary>
public static class LeastLoadChoice
{
    private const double Tie = 1e-9;

    /// <summary>The chosen estimate, or null when the request fits nowhere.</summary>
    public static LoadEstimate? Pick(IReadOnlyList<LoadEstimate> candidates, double requestKw, TimeSpan staleAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(random);
        var fitting = candidates
            .Where(c => c.Healthy && c.CapacityKw > 0 && c.EstimatedLoadKw + requestKw <= c.CapacityKw + Tie)
            .ToList();
        if (fitting.Count == 0)
        {
            return null;
        }

        if (fitting.All(c => c.SnapshotAge is not { } age || age > staleAfter))
        {
            var first = fitting[random.Next(fitting.Count)];
            var second = fitting[random.Next(fitting.Count)];
            return Score(first, requestKw) <= Score(second, requestKw) ? first : second;
        }

        var best = fitting.Min(c => Score(c, requestKw));
        var tied = fitting.Where(c => Score(c, requestKw) <= best + Tie).ToList();
        return tied[random.Next(tied.Count)];
    }

    /// <summary>Utilisation after placing the request; a substation in slow start counts as smaller than it is.</summary>
    public static double Score(LoadEstimate candidate, double requestKw)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return (candidate.EstimatedLoadKw + requestKw) / (candidate.CapacityKw * candidate.SlowStartFactor);
    }
}
