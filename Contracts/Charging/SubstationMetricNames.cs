namespace GridAspire.Contracts.Charging;

/// <summary>
/// The series of a substation's <c>/metrics</c> that a balancer places vehicles by, as Prometheus names them (the
/// substation's instruments, in watts, named by OpenTelemetry's Prometheus exporter: the unit becomes the suffix). Every
/// series has the label <see cref="SubstationLabel"/>.
/// </summary>
public static class SubstationMetricNames
{
    /// <summary>The label naming the substation.</summary>
    public const string SubstationLabel = "substation";

    /// <summary>Power drawn now, W.</summary>
    public const string Load = "substation_load_watts";

    /// <summary>Power the substation can deliver, W.</summary>
    public const string Capacity = "substation_capacity_watts";

    /// <summary>Vehicles charging now.</summary>
    public const string ActiveSessions = "substation_sessions_active";

    /// <summary>Vehicles drawing less than their maximum because the power is shared.</summary>
    public const string ThrottledSessions = "substation_sessions_throttled";

    /// <summary>The minimums promised to the sessions, W: what admission compares with the capacity where power is shared.</summary>
    public const string Promised = "substation_promised_watts";

    /// <summary>The minimum a request that names none is promised where power is shared, W; 0 where it is fixed (so it says which).</summary>
    public const string DefaultMin = "substation_default_min_watts";

    /// <summary>What one more vehicle (standard, no maximum) would be given now where power is shared, W; 0 where it is fixed.</summary>
    public const string NextSession = "substation_next_session_watts";

    /// <summary>Kilowatts in a watt-valued series.</summary>
    public static double Kilowatts(double watts) => watts / 1000;
}
