namespace GridAspire.Contracts.Charging;

/// <summary>The priorities a charging request may ask for (<c>"priority"</c> in a request's body).</summary>
public static class ChargingPriority
{
    /// <summary>Served after priority sessions where power is shared (the default).</summary>
    public const string Standard = "standard";

    /// <summary>Served first where power is shared; the public API grants it only to callers with a priority key.</summary>
    public const string Priority = "priority";

    /// <summary>True when <paramref name="value"/> is one of the priorities (null means the default).</summary>
    public static bool IsKnown(string? value) => value is null or Standard or Priority;
}
