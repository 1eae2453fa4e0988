namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// What a charging request asks of a substation. A substation that gives fixed power must have room for the whole
/// <see cref="MaxKw"/>; one that shares its power (it reports its default minimum) needs room only for the request's
/// minimum, and the vehicle then gets a share that depends on how busy it is.
/// </summary>
/// <param name="MaxKw">The most power the vehicle accepts.</param>
/// <param name="MinKw">The minimum the request names; null for the substation's default.</param>
public readonly record struct ChargeDemand(double MaxKw, double? MinKw = null)
{
    /// <summary>A request for <paramref name="maxKw"/> that names no minimum.</summary>
    public static ChargeDemand FromMaxKw(double maxKw) => new(maxKw);

    /// <summary>A request for <paramref name="maxKw"/> that names no minimum.</summary>
    public static implicit operator ChargeDemand(double maxKw) => FromMaxKw(maxKw);

    /// <summary>The power admission promises at <paramref name="candidate"/>, and so what it must have room for.</summary>
    public double ClaimAt(in LoadEstimate candidate) =>
        candidate.DefaultMinKw is { } defaultMin ? Math.Min(MinKw ?? defaultMin, MaxKw) : MaxKw;

    /// <summary>The power the vehicle can expect at <paramref name="candidate"/> now.</summary>
    public double PowerAt(in LoadEstimate candidate) =>
        candidate.DefaultMinKw is null ? MaxKw : Math.Clamp(candidate.NextSessionKw, ClaimAt(candidate), MaxKw);
}
