namespace GridAspire.AppHost.Topology;

internal static class KvClusterExtensions
{
    /// <summary>
    /// Adds kv1..kvN, each told every other node's endpoint. Nodes do not wait for each other: replication
    /// re-sends until a peer acknowledges, so start order does not matter (and a cycle of WaitFor would hang).
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddKvCluster(
        this IDistributedApplicationBuilder builder, int nodeCount, IResourceBuilder<ParameterResource> clusterKey)
    {
        var nodes = Enumerable.Range(1, nodeCount)
            .Select(i => $"kv{i}")
            .Select(nodeId => builder.AddProject<Projects.KvNode>(nodeId, launchProfileName: null)
                .WithHttpEndpoint(name: "http")
                .WithHttpHealthCheck(HealthPath)
                .WithEnvironment("Kv__NodeId", nodeId)
                .WithEnvironment("Kv__ClusterKey", clusterKey)
                .WithEnvironment("Kv__ChaosEnabled", "true"))
            .ToList();

        foreach (var node in nodes)
        {
            foreach (var peer in nodes.Where(p => p != node))
            {
                node.WithEnvironment($"Kv__Peers__{peer.Resource.Name}", peer.GetEndpoint("http"));
            }
        }

        return nodes;
    }

    private const string HealthPath = "/health";
}
