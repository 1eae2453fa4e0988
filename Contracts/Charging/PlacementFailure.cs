namespace GridAspire.Contracts.Charging;

/// <summary>
/// Why the balancer could not place a vehicle: the <c>reason</c> member of its 503 problem document, so the public
/// API can tell a full grid from an unreachable one without reading prose.
/// </summary>
public static class PlacementFailure
{
    /// <summary>The problem document's member that carries the reason.</summary>
    public const string Member = "reason";

    /// <summary>Every reachable substation is full for this request.</summary>
    public const string GridFull = "grid_full";

    /// <summary>No substation answered (all down, hung or unreachable); the grid may well have room.</summary>
    public const string NoSubstationReachable = "no_substation_reachable";

    /// <summary>
    /// A retried booking could not be fenced at every substation (one did not answer, or still holds an attempt in
    /// flight), so whether an earlier attempt was admitted is unknown: placing it now could book the vehicle twice.
    /// </summary>
    public const string BookingUnknown = "booking_unknown";

    /// <summary>
    /// Not a reason a client is given but how the balancer counts a <see cref="GridFull"/> refusal (its
    /// <c>balancer_rejections_total{reason}</c>) when, by its own estimate, some substation had room: the refusal was
    /// avoidable, a sign of a stale or herding policy.
    /// </summary>
    public const string Avoidable = "avoidable";
}
