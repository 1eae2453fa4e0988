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
    /// On a 503 from <c>POST /sessions</c>: why the substation did not admit the request, one of
    /// <see cref="SubstationRefusal"/>'s values. Only <see cref="SubstationRefusal.Full"/> says anything about room.
    /// </summary>
    public const string Refusal = "X-Substation-Refusal";

    /// <summary>
    /// On a forwarded request: the instant (Unix milliseconds, UTC) after which the balancer no longer waits for the
    /// answer and may have placed the vehicle elsewhere. A substation must not admit a request past its deadline.
    /// </summary>
    public const string Deadline = "X-Request-Deadline";

    /// <summary>
    /// On a charging request from the public API: the booking's id, the same on every attempt to book one vehicle's
    /// request. A substation that already admitted the booking answers with that session again instead of a second one.
    /// </summary>
    public const string BookingId = "X-Booking-Id";

    /// <summary>
    /// On a charging request from the public API: which attempt at the booking this is (1 first). An attempt after the
    /// first may follow one whose outcome is unknown (a balancer died holding it), so the balancer first fences the
    /// booking at every substation (<c>POST /bookings/{id}/fence</c>): it finds the session if an earlier attempt was
    /// admitted, and no earlier attempt can be admitted afterwards.
    /// </summary>
    public const string BookingAttempt = "X-Booking-Attempt";
}
