namespace GridAspire.Contracts.Charging;

/// <summary>HTTP headers between the balancer and the substations.</summary>
public static class ChargingHeaders
{
    /// <summary>On every <c>/sessions</c> response: the substation's load in kW after the request.</summary>
    public const string LoadKw = "X-Substation-Load-Kw";

    /// <summary>
    /// On every <c>/sessions</c> response of a substation that shares its power: the minimums it has promised, in kW,
    /// which is what its admission compares with the capacity (its load is then near the capacity whenever any vehicle
    /// could take more).
    /// </summary>
    public const string PromisedKw = "X-Substation-Promised-Kw";

    /// <summary>On every <c>/sessions</c> response: the substation's capacity in kW.</summary>
    public const string CapacityKw = "X-Substation-Capacity-Kw";

    /// <summary>On an admission: the session's expected end (RFC 3339), so a balancer stops counting it then.</summary>
    public const string ExpectedEnd = "X-Session-Expected-End";

    /// <summary>
    /// On a forwarded request: the instant (Unix milliseconds, UTC) after which the balancer no longer waits for the
    /// answer and may have placed the vehicle elsewhere. A substation must not admit a request past its deadline.
    /// </summary>
    public const string Deadline = "X-Request-Deadline";
}
