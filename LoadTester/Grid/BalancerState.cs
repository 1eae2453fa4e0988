namespace GridAspire.LoadTester.Grid;

/// <summary>The part of the balancer's <c>/balancer/state</c> the tester uses.</summary>
public sealed record BalancerState(string Policy, TimeSpan PollInterval, IReadOnlyList<DestinationState> Destinations);

/// <summary>One substation as the balancer sees it; <paramref name="DefaultMinKw"/> is set where it shares its power.</summary>
public sealed record DestinationState(
    string DestinationId, string? SubstationId, double DrawnKw, double CapacityKw, bool Healthy, Uri? Address = null, double? DefaultMinKw = null)
{
    /// <summary>A stable name: the substation's own id when known.</summary>
    public string Name => SubstationId ?? DestinationId;
}
