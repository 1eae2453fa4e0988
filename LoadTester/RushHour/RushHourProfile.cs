namespace GridAspire.LoadTester.RushHour;

/// <summary>
/// Arrival rate over time: a linear ramp up to <see cref="PeakPerSecond"/>, a hold, and a linear ramp down.
/// Open model: requests arrive at this rate whatever the system's response times are.
/// </summary>
/// <param name="PeakPerSecond">Arrivals per second at the peak.</param>
/// <param name="RampUp">Time to reach the peak.</param>
/// <param name="Hold">Time at the peak.</param>
/// <param name="RampDown">Time back to zero.</param>
public sealed record RushHourProfile(double PeakPerSecond, TimeSpan RampUp, TimeSpan Hold, TimeSpan RampDown)
{
    /// <summary>The default rush hour: 5 arrivals/s at the peak, 30 s up, 60 s hold, 30 s down.</summary>
    public static RushHourProfile Default { get; } = new(5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

    /// <summary>
    /// The evening peak: 8.7 arrivals/s at the peak, where the vehicles' demand is about 130 % of the AppHost grid's
    /// 1,000 kW. Only there do placement policies differ for the vehicles: below capacity every policy admits everyone.
    /// </summary>
    public static RushHourProfile EveningPeak { get; } = Default with { PeakPerSecond = 8.7 };

    /// <summary>The named profiles of <c>rush --profile</c>.</summary>
    public static IReadOnlyDictionary<string, RushHourProfile> Named { get; } = new Dictionary<string, RushHourProfile>(StringComparer.Ordinal)
    {
        ["default"] = Default,
        ["evening-peak"] = EveningPeak,
    };

    /// <summary>Total length.</summary>
    public TimeSpan Duration => RampUp + Hold + RampDown;

    /// <summary>True during the hold at the peak.</summary>
    public bool IsPeak(TimeSpan at) => at >= RampUp && at < RampUp + Hold;

    /// <summary>Arrivals per second at <paramref name="at"/>.</summary>
    public double RateAt(TimeSpan at)
    {
        if (at < TimeSpan.Zero || at >= Duration)
        {
            return 0;
        }

        if (at < RampUp)
        {
            return PeakPerSecond * (at / RampUp);
        }

        if (at < RampUp + Hold)
        {
            return PeakPerSecond;
        }

        return PeakPerSecond * (1 - ((at - RampUp - Hold) / RampDown));
    }
}
