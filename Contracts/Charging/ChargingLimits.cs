namespace GridAspire.Contracts.Charging;

/// <summary>What a plausible charging request asks for; the public API and the substations refuse anything else.</summary>
public static class ChargingLimits
{
    /// <summary>Longest vehicle id, in characters.</summary>
    public const int MaxVehicleIdLength = 64;

    /// <summary>Least energy one vehicle may ask for: a request for less is a mistake, not a charge.</summary>
    public const double MinKwh = 0.1;

    /// <summary>Largest energy one vehicle may ask for.</summary>
    public const double MaxKwh = 500;

    /// <summary>Highest power one vehicle may draw.</summary>
    public const double MaxKw = 1_000;

    /// <summary>Longest a session may take (simulated hours); beyond it the request is not a plausible vehicle.</summary>
    public const double MaxSessionHours = 1_000;
}
