using Microsoft.Extensions.Configuration;

namespace GridAspire.AppHost.Topology;

/// <summary>How many of each replicated service the AppHost starts (section <c>Topology</c>).</summary>
internal sealed record TopologyOptions
{
    public const string SectionName = "Topology";

    /// <summary>Number of KV nodes, named kv1..kvN.</summary>
    public int KvNodes { get; init; } = 3;

    /// <summary>
    /// KV nodes added to the running cluster when run locally: kv(N+1), kv(N+2), ... start with no peers and join through
    /// kv1 (<c>Kv:Join</c>), taking the cluster's state before they take writes. Not published: compose keeps its fixed
    /// nodes (docs/operations.md says how to grow a deployed cluster).
    /// </summary>
    public int KvJoiners { get; init; }

    /// <summary>
    /// Emulated distance between the KV nodes when run locally: one-way delays in ms for the pairs kv1-kv2, kv1-kv3, ...,
    /// kv2-kv3, ... in that order, repeated when shorter (<c>"10,40,75"</c>: three regions; <c>"50"</c>: every pair 50 ms
    /// apart). Empty: the nodes talk directly. Each link then goes through the delay proxy (<c>kv-distance</c>).
    /// </summary>
    public string KvOneWayMs { get; init; } = "";

    /// <summary>The one-way delays of <see cref="KvOneWayMs"/>, in pair order; empty when none.</summary>
    public IReadOnlyList<int> KvDistances =>
        KvOneWayMs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ms => int.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : -1)
            .ToList();

    /// <summary>
    /// Number of balancer replicas: <c>balancer</c> (port 5090), <c>balancer2</c> (5091), ... Each polls every substation
    /// and places on its own; the charging APIs know them all and fail over between them.
    /// </summary>
    public int Balancers { get; init; } = 2;

    /// <summary>
    /// Number of charging API replicas: <c>chargerequest</c> (port 5080), <c>chargerequest2</c> (5081), ... They keep
    /// Idempotency-Keys in the shared store, so a client may retry at any of them.
    /// </summary>
    public int ChargeApis { get; init; } = 2;

    /// <summary>Number of substations, named substation1..substationN.</summary>
    public int Substations { get; init; } = 3;

    /// <summary>
    /// Capacity of each substation in kW, used in order and repeated when there are more substations
    /// than entries; substations deliberately differ so the balancer has to weigh headroom, not count requests.
    /// </summary>
    public IReadOnlyList<double> SubstationCapacitiesKw { get; init; } = [400, 300, 300];

    /// <summary>
    /// Simulated seconds per real second in the substations: at 600 an hour of charging takes 6 s, so a two-minute
    /// rush hour sees sessions start and end many times over and reaches a steady state.
    /// </summary>
    public double SimulationSpeed { get; init; } = 600;

    public static TopologyOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<TopologyOptions>() ?? new TopologyOptions();
        if (options.KvJoiners is < 0 or > 6 || options.KvNodes + options.KvJoiners > 9)
        {
            throw new InvalidOperationException($"{SectionName}:KvJoiners must be 0 to 6, and KvNodes + KvJoiners at most 9 (ports 7101-7109).");
        }

        if (options.KvNodes < 1 || options.Substations < 1 || options.SubstationCapacitiesKw.Count == 0)
        {
            throw new InvalidOperationException(
                $"{SectionName}: KvNodes and Substations must be at least 1 and SubstationCapacitiesKw non-empty.");
        }

        if (options.Balancers is < 1 or > 9 || options.ChargeApis is < 1 or > 9)
        {
            throw new InvalidOperationException($"{SectionName}: Balancers and ChargeApis must be 1-9 (their ports follow 5090 and 5080).");
        }

        if (options.KvDistances.Any(ms => ms is < 0 or > 60_000))
        {
            throw new InvalidOperationException(
                $"{SectionName}:KvOneWayMs must be whole milliseconds 0-60000 separated by commas, not '{options.KvOneWayMs}'.");
        }

        return options;
    }
}
