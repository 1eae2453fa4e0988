namespace GridAspire.LoadTester.Statistics;

/// <summary>
/// What placement means for the vehicles when substations share their power: a vehicle's power is its substation's
/// capacity shared among the vehicles there, so the vehicles on the most crowded substation charge slowest. On a
/// perfectly balanced grid every substation has the grid's capacity per vehicle; the figures say how far the most
/// crowded one fell below that, second by second, and how many vehicles were held below their maximum.
/// </summary>
/// <param name="MeanCrowdedShare">
/// Each second: capacity per vehicle on the most crowded substation over the grid's capacity per vehicle (1 when
/// balanced, 0.5 when its vehicles have half the power a balanced grid would give them); averaged over the seconds.
/// </param>
/// <param name="WorstCrowdedShare">The lowest of those per-second shares.</param>
/// <param name="MeanThrottledShare">Each second: vehicles held below their maximum over vehicles charging; averaged.</param>
/// <param name="MeanVehicles">Vehicles charging, averaged over the seconds.</param>
public sealed record VehicleFigures(double MeanCrowdedShare, double WorstCrowdedShare, double MeanThrottledShare, double MeanVehicles)
{
    /// <summary>No vehicle charged: nothing was crowded or held back.</summary>
    public static VehicleFigures Empty { get; } = new(1, 1, 0, 0);

    /// <summary>The figures of one sample per second (seconds with no vehicle anywhere are left out).</summary>
    public static VehicleFigures Of(IReadOnlyList<IReadOnlyCollection<SubstationSample>> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var busy = seconds.Where(s => s.Sum(x => x.Vehicles) > 0 && s.Sum(x => x.CapacityKw) > 0).ToList();
        if (busy.Count == 0)
        {
            return Empty;
        }

        var crowded = busy.Select(CrowdedShare).ToList();
        return new VehicleFigures(
            crowded.Average(),
            crowded.Min(),
            busy.Average(s => (double)s.Sum(x => x.Throttled) / s.Sum(x => x.Vehicles)),
            busy.Average(s => s.Sum(x => x.Vehicles)));
    }

    private static double CrowdedShare(IReadOnlyCollection<SubstationSample> second)
    {
        var gridPerVehicle = second.Sum(x => x.CapacityKw) / second.Sum(x => x.Vehicles);
        var crowdedPerVehicle = second.Where(x => x.Vehicles > 0).Min(x => x.CapacityKw / x.Vehicles);
        return Math.Min(1, crowdedPerVehicle / gridPerVehicle);
    }
}
