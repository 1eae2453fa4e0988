namespace GridAspire.Substation.Charging;

/// <summary>
/// How a substation shares its capacity among the sessions on it, the way smart charging does it (OCPP charging
/// profiles, EVerest, OpenEMS): every session first gets its promised minimum; what is left goes to priority sessions,
/// raised together to one common level (max-min fair water-filling), each no higher than its vehicle's maximum; what is
/// still left goes to standard sessions the same way. Pure: the same demands always give the same answer.
/// </summary>
/// <remarks>
/// Guarantees, for demands whose minimums fit (admission ensures it): the sum never exceeds the capacity; nobody gets
/// less than its minimum or more than its maximum; capacity is left unused only when every session is at its maximum;
/// a standard session gets more than its minimum only when every priority session is at its maximum; within a class,
/// nobody below its maximum gets less than anyone else above their minimum. Sessions with equal demands always get equal
/// power, so a substation passes each distinct demand once with how many sessions have it: the cost is
/// O(k log k) in the k distinct demands, whatever the number of sessions.
/// </remarks>
public static class PowerAllocation
{
    /// <summary>The power of each session, in the order of <paramref name="demands"/>.</summary>
    public static double[] Allocate(double capacityKw, IReadOnlyList<PowerDemand> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        var ones = new int[demands.Count];
        Array.Fill(ones, 1);
        return Allocate(capacityKw, demands, ones);
    }

    /// <summary>
    /// The power of each of the <paramref name="counts"/>[i] sessions that have demand <paramref name="demands"/>[i],
    /// in the order of <paramref name="demands"/>: the same as <see cref="Allocate(double, IReadOnlyList{PowerDemand})"/>
    /// with each demand repeated that many times.
    /// </summary>
    public static double[] Allocate(double capacityKw, IReadOnlyList<PowerDemand> demands, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(demands);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNotEqual(counts.Count, demands.Count, nameof(counts));
        var kw = new double[demands.Count];
        var left = capacityKw;
        for (var i = 0; i < kw.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(counts[i], nameof(counts));
            kw[i] = demands[i].MinKw;
            left -= counts[i] * kw[i];
        }

        left = Fill(kw, demands, counts, left, priority: true);
        Fill(kw, demands, counts, left, priority: false);
        return kw;
    }

    // Raises the sessions of one class from their minimums to a common level L, each clamped to [min, max], using at most
    // `budget` kW more; returns what is left. g(L) = sum of count * (clamp(L, min, max) - min) is piecewise linear and
    // increasing, its slope the number of sessions strictly between their minimum and maximum: one sweep over the sorted
    // breakpoints (mins and maxes) finds the L where it reaches the budget, exactly.
    private static double Fill(double[] kw, IReadOnlyList<PowerDemand> demands, IReadOnlyList<int> counts, double budget, bool priority)
    {
        var members = new List<int>();
        var atMax = 0.0;
        for (var i = 0; i < kw.Length; i++)
        {
            if (demands[i].Priority == priority && counts[i] > 0)
            {
                members.Add(i);
                atMax += counts[i] * (demands[i].MaxKw - demands[i].MinKw);
            }
        }

        if (budget <= 0 || members.Count == 0)
        {
            return Math.Max(0, budget);
        }

        if (atMax <= budget)
        {
            foreach (var i in members)
            {
                kw[i] = demands[i].MaxKw;
            }

            return budget - atMax;
        }

        var level = LevelReaching(budget, members, demands, counts);
        var raised = 0.0;
        foreach (var i in members)
        {
            kw[i] = Math.Clamp(level, demands[i].MinKw, demands[i].MaxKw);
            raised += counts[i] * (kw[i] - demands[i].MinKw);
        }

        // Rounding may leave the sum a hair above the budget; the invariant admits no hair.
        var excess = raised - budget;
        if (excess > 0)
        {
            var widest = members
                .Where(i => kw[i] - (excess / counts[i]) >= demands[i].MinKw)
                .DefaultIfEmpty(members[0])
                .MaxBy(i => kw[i]);
            kw[widest] = Math.Max(demands[widest].MinKw, kw[widest] - (excess / counts[widest]));
        }

        return 0;
    }

    private static double LevelReaching(double budget, List<int> members, IReadOnlyList<PowerDemand> demands, IReadOnlyList<int> counts)
    {
        var breakpoints = new (double At, int SlopeChange)[members.Count * 2];
        for (var m = 0; m < members.Count; m++)
        {
            var i = members[m];
            breakpoints[2 * m] = (demands[i].MinKw, counts[i]);
            breakpoints[(2 * m) + 1] = (demands[i].MaxKw, -counts[i]);
        }

        Array.Sort(breakpoints, static (a, b) => a.At.CompareTo(b.At));
        var level = breakpoints[0].At;
        var raised = 0.0;
        var slope = 0;
        foreach (var (at, slopeChange) in breakpoints)
        {
            var reach = raised + (slope * (at - level));
            if (slope > 0 && reach >= budget)
            {
                return level + ((budget - raised) / slope);
            }

            (raised, level) = (reach, at);
            slope += slopeChange;
        }

        return level; // only by rounding: the caller checked that every maximum together exceeds the budget
    }
}
