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
/// nobody below its maximum gets less than anyone else above their minimum.
/// </remarks>
public static class PowerAllocation
{
    /// <summary>The power of each session, in the order of <paramref name="demands"/>.</summary>
    public static double[] Allocate(double capacityKw, IReadOnlyList<PowerDemand> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        var kw = new double[demands.Count];
        var left = capacityKw;
        for (var i = 0; i < kw.Length; i++)
        {
            kw[i] = demands[i].MinKw;
            left -= kw[i];
        }

        left = Fill(kw, demands, left, priority: true);
        Fill(kw, demands, left, priority: false);
        return kw;
    }

    // Raises the sessions of one class from their minimums to a common level L, each clamped to [min, max], using at most
    // `budget` kW more; returns what is left. f(L) = sum of clamp(L, min, max) is piecewise linear and increasing, so L
    // is found exactly between the two breakpoints (mins and maxes) that bracket the target.
    private static double Fill(double[] kw, IReadOnlyList<PowerDemand> demands, double budget, bool priority)
    {
        var members = Enumerable.Range(0, kw.Length).Where(i => demands[i].Priority == priority).ToList();
        if (budget <= 0 || members.Count == 0)
        {
            return Math.Max(0, budget);
        }

        var atMax = members.Sum(i => demands[i].MaxKw - demands[i].MinKw);
        if (atMax <= budget)
        {
            foreach (var i in members)
            {
                kw[i] = demands[i].MaxKw;
            }

            return budget - atMax;
        }

        var target = members.Sum(i => demands[i].MinKw) + budget;
        double Level(double level) => members.Sum(i => Math.Clamp(level, demands[i].MinKw, demands[i].MaxKw));
        var breakpoints = members.SelectMany(i => new[] { demands[i].MinKw, demands[i].MaxKw }).Distinct().Order().ToList();
        var low = breakpoints[0];
        foreach (var next in breakpoints.Skip(1))
        {
            if (Level(next) >= target)
            {
                var rising = members.Count(i => demands[i].MinKw <= low && demands[i].MaxKw >= next);
                var level = low + ((target - Level(low)) / Math.Max(1, rising));
                foreach (var i in members)
                {
                    kw[i] = Math.Clamp(level, demands[i].MinKw, demands[i].MaxKw);
                }

                break;
            }

            low = next;
        }

        // Rounding may leave the sum a hair above the capacity; the invariant admits no hair.
        var excess = members.Sum(i => kw[i]) - target;
        if (excess > 0)
        {
            var widest = members.Where(i => kw[i] - excess >= demands[i].MinKw).DefaultIfEmpty(members[0]).MaxBy(i => kw[i]);
            kw[widest] = Math.Max(demands[widest].MinKw, kw[widest] - excess);
        }

        return 0;
    }
}
