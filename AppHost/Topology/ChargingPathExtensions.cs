namespace GridAspire.AppHost.Topology;

/// <summary>
/// The charging path's replicas: balancers that pass policy switches on to each other, and charging APIs that know every
/// balancer. Separate resources rather than Aspire's WithReplicas, whose one round-robin proxy would hide which replica
/// answered, keep a dead replica in its rotation, and mix the replicas' counters in one scrape.
/// </summary>
internal static class ChargingPathExtensions
{
    /// <summary>Port of the first balancer; the next ones follow.</summary>
    public const int FirstBalancerPort = 5090;

    /// <summary>Port of the first charging API, the public entry point; the next ones follow.</summary>
    public const int FirstChargeApiPort = 5080;

    /// <summary>Adds <c>balancer</c>, <c>balancer2</c>, ..., each naming itself and knowing the others as peers.</summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddBalancers(
        this IDistributedApplicationBuilder builder, TopologyOptions topology, IResourceBuilder<ParameterResource> adminKey)
    {
        var balancers = Enumerable.Range(1, topology.Balancers)
            .Select(i => builder.AddProject<Projects.Balancer>(ReplicaName("balancer", i), launchProfileName: null)
                // Not behind the orchestrator's proxy: a stopped balancer then refuses connections at once and the APIs
                // fail over, where the proxy would accept and hold them until the API's timeout.
                .WithHttpEndpoint(port: FirstBalancerPort + i - 1, name: "http", isProxied: false)
                .WithHttpHealthCheck("/health")
                .WithEnvironment("Balancer__AdminKey", adminKey)
                .WithEnvironment("Balancer__Replica", ReplicaName("balancer", i)))
            .ToList();
        foreach (var balancer in balancers)
        {
            foreach (var peer in balancers.Where(b => b != balancer))
            {
                balancer.WithEnvironment($"Balancer__Peers__{peer.Resource.Name}", peer.GetEndpoint("http"));
            }
        }

        return balancers;
    }

    /// <summary>
    /// Adds <c>chargerequest</c>, <c>chargerequest2</c>, ..., each finding every balancer as <c>services:balancer:http:N</c>
    /// (the first ones it tries come in turn) and starting once they are healthy.
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddChargeApis(
        this IDistributedApplicationBuilder builder,
        TopologyOptions topology,
        IReadOnlyList<IResourceBuilder<ProjectResource>> balancers,
        IResourceBuilder<ParameterResource> priorityKey) =>
        Enumerable.Range(1, topology.ChargeApis)
            .Select(i =>
            {
                var api = builder.AddProject<Projects.ChargeRequest>(ReplicaName("chargerequest", i), launchProfileName: null)
                    .WithHttpEndpoint(port: FirstChargeApiPort + i - 1, name: "http")
                    .WithExternalHttpEndpoints()
                    .WithHttpHealthCheck("/health")
                    .WithEnvironment("ChargeApi__PriorityKeys__0", priorityKey);
                for (var b = 0; b < balancers.Count; b++)
                {
                    api.WithEnvironment($"services__balancer__http__{b}", balancers[b].GetEndpoint("http")).WaitFor(balancers[b]);
                }

                return api;
            })
            .ToList();

    // The first keeps the plain name, so a one-replica topology (and every link to it) is as before.
    private static string ReplicaName(string service, int index) => index == 1 ? service : $"{service}{index}";
}
