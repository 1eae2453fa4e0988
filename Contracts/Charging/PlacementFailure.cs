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
}
