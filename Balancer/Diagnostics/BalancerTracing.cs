using System.Diagnostics;

namespace GridAspire.Balancer.Diagnostics;

/// <summary>The balancer's spans: one per routing decision, tagged with what was compared.</summary>
public static class BalancerTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "GridAspire.Balancer";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
