using System.Globalization;
using GridAspire.AppHost.Publishing;

namespace GridAspire.AppHost.Topology;

internal static class GridExtensions
{
    /// <summary>
    /// Adds substation1..substationN as separate resources. Aspire's WithReplicas would put one
    /// round-robin proxy in front of them and hide each substation's load from the balancer.
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddSubstations(
        this IDistributedApplicationBuilder builder, TopologyOptions topology, IResourceBuilder<ParameterResource> adminKey) =>
        Enumerable.Range(1, topology.Substations)
            .Select(i =>
            {
                var capacity = topology.SubstationCapacitiesKw[(i - 1) % topology.SubstationCapacitiesKw.Count];
                var id = $"substation{i}";
                return builder.AddProject<Projects.Substation>(id, launchProfileName: null)
                    .WithHttpEndpoint(name: "http")
                    .WithHttpHealthCheck("/health")
                    .WithEnvironment("Substation__Id", id)
                    .WithEnvironment("Simulation__Speed", topology.SimulationSpeed.ToString(CultureInfo.InvariantCulture))
                    .WithEnvironment("Substation__CapacityKw", capacity.ToString(CultureInfo.InvariantCulture))
                    // The grid's operator key: the load tester switches allocation modes with it, as it switches policies.
                    .WithEnvironment("Substation__AdminKey", adminKey);
            })
            .ToList();

    /// <summary>
    /// For compose: one substation service run as replicas, which the balancer (and Prometheus) find by DNS.
    /// Replicas are identical, so they share one capacity: the first configured one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddReplicatedSubstation(
        this IDistributedApplicationBuilder builder, TopologyOptions topology) =>
        builder.AddProject<Projects.Substation>("substation", launchProfileName: null)
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Substation__CapacityKw", topology.SubstationCapacitiesKw[0].ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Simulation__Speed", topology.SimulationSpeed.ToString(CultureInfo.InvariantCulture))
            .AsComposeReplicas(topology.Substations);

    /// <summary>Lets the balancer find every replica of <paramref name="substation"/> by its DNS name.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicatedSubstation(
        this IResourceBuilder<ProjectResource> balancer, IResourceBuilder<ProjectResource> substation) =>
        balancer.WithEnvironment("Balancer__DnsSubstations", substation.GetEndpoint("http")).WaitFor(substation);

    /// <summary>Gives the balancer each substation's own endpoint (one YARP destination each) and waits for all of them.</summary>
    public static IResourceBuilder<ProjectResource> WithSubstations(
        this IResourceBuilder<ProjectResource> balancer, IEnumerable<IResourceBuilder<ProjectResource>> substations)
    {
        foreach (var substation in substations)
        {
            balancer
                .WithEnvironment(
                    $"Balancer__Substations__{substation.Resource.Name}",
                    substation.GetEndpoint("http"))
                .WaitFor(substation);
        }

        return balancer;
    }
}
