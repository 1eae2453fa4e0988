using GridAspire.LoadTester.Grid;

namespace GridAspire.LoadTester.RushHour;

/// <summary>What one allocation mode achieved in a rush hour, from the substations' own counters.</summary>
/// <param name="Allocation"><c>Fixed</c> or <c>Shared</c>.</param>
/// <param name="Run">The rush hour's figures (turned away, utilisation over time, latency).</param>
/// <param name="EnergyKwh">Energy delivered while the run lasted (simulated kWh).</param>
/// <param name="Completed">Sessions that received all their energy during the run.</param>
/// <param name="MeanTimeToFullMinutes">Their mean time from admission to full, simulated minutes; null when none completed.</param>
/// <param name="P95TimeToFullMinutes">Its 95th percentile (interpolated within histogram buckets).</param>
/// <param name="CapacityExceeded">Times any substation found its power above capacity: the invariant holds when 0.</param>
/// <param name="PeakUtilisation">Highest power over capacity any substation reached.</param>
public sealed record AllocationFigures(
    string Allocation,
    RunResult Run,
    double EnergyKwh,
    double Completed,
    double? MeanTimeToFullMinutes,
    double? P95TimeToFullMinutes,
    double CapacityExceeded,
    double PeakUtilisation)
{
    /// <summary>True when no substation ever exceeded its capacity, by its own samples.</summary>
    public bool InvariantHeld => CapacityExceeded == 0 && PeakUtilisation <= 1 + 1e-9;

    /// <summary>The figures of <paramref name="run"/> (its time to full already read), from the substations' counters before and after it.</summary>
    public static AllocationFigures Of(string allocation, RunResult run, SubstationTotals before, SubstationTotals after)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var completed = after.TimeToFullCount - before.TimeToFullCount;
        return new AllocationFigures(
            allocation,
            run,
            after.EnergyKwh - before.EnergyKwh,
            completed,
            run.MeanTimeToFullMinutes,
            run.P95TimeToFullMinutes,
            after.CapacityExceeded - before.CapacityExceeded,
            after.PeakUtilisation);
    }
}
