namespace GridAspire.LoadTester.RushHour;

/// <summary>
/// What vehicles ask for: energy uniform in [<see cref="MinKwh"/>, <see cref="MaxKwh"/>], and a charger power drawn
/// from <see cref="PowerShares"/> (kW and its share of vehicles).
/// </summary>
public sealed record VehicleMix(double MinKwh, double MaxKwh, IReadOnlyList<(double Kw, double Share)> PowerShares)
{
    /// <summary>Home-style 7.4 kW and 11 kW chargers, some 22 kW, a few 50 kW fast chargers; 10-40 kWh each.</summary>
    public static VehicleMix Default { get; } = new(10, 40, [(7.4, 0.3), (11, 0.4), (22, 0.2), (50, 0.1)]);

    /// <summary>Draws one vehicle's request.</summary>
    public (double RequestedKwh, double MaxKw) Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var kwh = Math.Round(MinKwh + (random.NextDouble() * (MaxKwh - MinKwh)), 1);
        var pick = random.NextDouble() * PowerShares.Sum(p => p.Share);
        foreach (var (kw, share) in PowerShares)
        {
            if ((pick -= share) < 0)
            {
                return (kwh, kw);
            }
        }

        return (kwh, PowerShares[^1].Kw);
    }
}
