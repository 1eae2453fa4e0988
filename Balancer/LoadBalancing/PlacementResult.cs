namespace GridAspire.Balancer.LoadBalancing;

/// <summary>What one placement step decided.</summary>
/// <param name="Outcome">Placed, or why not.</param>
/// <param name="DestinationId">The destination the request's power is now reserved on (when placed).</param>
/// <param name="Loads">The figures compared, for the request's span; null unless asked for.</param>
/// <param name="ClaimKw">The power reserved on the destination: the request's full power, or its minimum where power is shared.</param>
public readonly record struct PlacementResult(PlacementOutcome Outcome, string? DestinationId, string? Loads, double ClaimKw = 0)
{
    /// <summary>True when a destination was chosen and reserved.</summary>
    public bool Placed => Outcome == PlacementOutcome.Placed;
}
