namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// Tests that read a node's <c>/metrics</c> run alone. OpenTelemetry subscribes to meters by name, so while other
/// tests run clusters in the same process, a node's scrape also sees their nodes' instruments (same meter name, same
/// node ids), and a gauge such as <c>kv_buffer_depth{node="kv3"}</c> can show another cluster's value. One node per
/// process, as deployed, has no such neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsReadAlone
{
    /// <summary>The collection's name.</summary>
    public const string Name = "metrics read alone";
}
