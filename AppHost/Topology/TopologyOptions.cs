using Microsoft.Extensions.Configuration;

namespace GridAspire.AppHost.Topology;

/// <summary>How many of each replicated service the AppHost starts (section <c>Topology</c>).</summary>
internal sealed record TopologyOptions
{
    public const string SectionName = "Topology";

    /// <summary>Number of KV nodes, named kv1..kvN.</summary>
    public int KvNodes { get; init; } = 3;

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
        if (options.KvNodes < 1 || options.Substations < 1 || options.SubstationCapacitiesKw.Count == 0)
        {
            throw new InvalidOperationException(
                $"{SectionName}: KvNodes and Substations must be at least 1 and SubstationCapacitiesKw non-empty.");
        }

        return options;
    }
}
