namespace GridAspire.LoadTester.Grid;

/// <summary>
/// The substations' own counters, summed over the grid at one instant: what a comparison of allocation modes reads
/// before and after each run.
/// </summary>
/// <param name="EnergyKwh">Energy delivered so far (<c>substation_energy_delivered_joules_total</c>, in kWh).</param>
/// <param name="TimeToFull">Cumulative buckets of <c>substation_session_time_to_full_seconds</c> (upper bound, count), merged.</param>
/// <param name="TimeToFullSum">Sum of the completed sessions' times to full, simulated seconds.</param>
/// <param name="TimeToFullCount">Completed sessions.</param>
/// <param name="CapacityExceeded">Times any substation found its power above its capacity (<c>substation_capacity_exceeded_total</c>).</param>
/// <param name="PeakUtilisation">Highest peak load over capacity of any substation since its mode was last set.</param>
public sealed record SubstationTotals(
    double EnergyKwh,
    IReadOnlyList<(double UpperBound, double Count)> TimeToFull,
    double TimeToFullSum,
    double TimeToFullCount,
    double CapacityExceeded,
    double PeakUtilisation)
{
    /// <summary>
    /// The <paramref name="quantile"/> of the times to full completed between <paramref name="before"/> and this,
    /// interpolated within the histogram bucket it falls in; null when none completed.
    /// </summary>
    public double? TimeToFullQuantileSince(SubstationTotals before, double quantile)
    {
        ArgumentNullException.ThrowIfNull(before);
        var counts = TimeToFull.Select(b => (b.UpperBound, Count: b.Count - before.TimeToFull.FirstOrDefault(p => p.UpperBound == b.UpperBound).Count)).ToList();
        var total = counts.Count > 0 ? counts[^1].Count : 0;
        if (total <= 0)
        {
            return null;
        }

        var rank = quantile * total;
        var (lowerBound, lowerCount) = (0.0, 0.0);
        foreach (var (upper, count) in counts)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(upper) ? lowerBound
                    : lowerBound + ((upper - lowerBound) * (rank - lowerCount) / Math.Max(count - lowerCount, 1e-9));
            }

            (lowerBound, lowerCount) = (upper, count);
        }

        return lowerBound;
    }
}
