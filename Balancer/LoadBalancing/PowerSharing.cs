namespace GridAspire.Balancer.LoadBalancing;

/// <summary>What a substation that shares its power said in its last poll.</summary>
/// <param name="DefaultMinKw">The minimum it promises a request that names none (<c>substation_default_min_kw</c>).</param>
/// <param name="NextSessionKw">What one more vehicle would get now (<c>substation_next_session_kw</c>).</param>
/// <param name="ActiveSessions">Vehicles charging there (<c>substation_active_sessions</c>).</param>
/// <param name="PromisedKw">The minimums it has promised (<c>substation_promised_min_kw</c>): what its admission compares with the capacity.</param>
public sealed record PowerSharing(double DefaultMinKw, double NextSessionKw, int ActiveSessions, double PromisedKw);
