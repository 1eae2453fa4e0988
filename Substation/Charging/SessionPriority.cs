namespace GridAspire.Substation.Charging;

/// <summary>The priorities a session may have.</summary>
public static class SessionPriority
{
    /// <summary>Served after priority sessions when power is shared (the default).</summary>
    public const string Standard = "standard";

    /// <summary>Served first when power is shared.</summary>
    public const string Priority = "priority";
}
