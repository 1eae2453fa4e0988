namespace GridAspire.Balancer.LoadBalancing;

/// <summary>The result of trying to place a request.</summary>
public enum PlacementOutcome
{
    /// <summary>A destination was chosen and the request's power reserved on it.</summary>
    Placed,

    /// <summary>Healthy destinations remain, but the policy found none with room for the request.</summary>
    Full,

    /// <summary>No healthy destination is left to try.</summary>
    NoneReachable,
}
