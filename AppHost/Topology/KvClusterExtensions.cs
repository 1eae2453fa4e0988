using GridAspire.AppHost.Publishing;

namespace GridAspire.AppHost.Topology;

internal static class KvClusterExtensions
{
    /// <summary>First KV port: kv1 listens on 7101, kv2 on 7102, ... so kvclient works with its defaults.</summary>
    public const int FirstPort = 7101;

    /// <summary>
    /// The nodes' gen0 budget (<c>DOTNET_GCgen0size</c>, bytes in hex). The store lives on the managed heap, so every
    /// young collection promotes the versions written since the last one and pauses the node meanwhile; the default
    /// budget (about 20 MiB here) made those pauses the p99 of writes. 4 MiB keeps each one short for the same total
    /// (benchmarks/README.md). The runtime reads it only from the environment, so whoever starts a node sets it.
    /// </summary>
    public const string Gen0Budget = "0x400000";

    /// <summary>
    /// Adds kv1..kvN, each told every other node's endpoint, and (run locally) <see cref="TopologyOptions.KvJoiners"/>
    /// more that join the running cluster. Nodes do not wait for each other: replication re-sends until a peer
    /// acknowledges, and a joiner asks again until kv1 answers, so start order does not matter (and a cycle of WaitFor
    /// would hang).
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddKvCluster(
        this IDistributedApplicationBuilder builder, TopologyOptions topology, IResourceBuilder<ParameterResource> clusterKey)
    {
        var nodeCount = topology.KvNodes;
        // Each node's write-ahead log: a named volume at /data in compose, the repository's .data/ when run locally.
        var dataRoot = builder.ExecutionContext.IsPublishMode
            ? "/data"
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".data"));
        var nodes = Enumerable.Range(0, nodeCount)
            .Select(i => (NodeId: $"kv{i + 1}", Port: FirstPort + i))
            .Select(n => builder.AddProject<Projects.KvNode>(n.NodeId, launchProfileName: null)
                .WithHttpEndpoint(port: n.Port, name: "http")
                .WithHttpHealthCheck(HealthPath)
                .WithEnvironment("Kv__NodeId", n.NodeId)
                .WithEnvironment("DOTNET_GCgen0size", Gen0Budget)
                .WithEnvironment("Kv__ClusterKey", clusterKey)
                // Fault injection is for the local demo; a compose or Kubernetes deployment does not expose it.
                .WithEnvironment("Kv__ChaosEnabled", builder.ExecutionContext.IsPublishMode ? "false" : "true")
                .WithEnvironment("Kv__DataDir", builder.ExecutionContext.IsPublishMode ? dataRoot : Path.Combine(dataRoot, n.NodeId))
                .WithComposeVolume($"{n.NodeId}-data", "/data"))
            .ToList();
        if (!builder.ExecutionContext.IsPublishMode)
        {
            foreach (var node in nodes)
            {
                node.WithEnvironment("Kv__AdvertisedUrl", node.GetEndpoint("http")); // GET /admin/members shows every URL
            }
        }

        if (topology.KvDistances.Count > 0 && !builder.ExecutionContext.IsPublishMode)
        {
            builder.AddKvDistances(nodes, topology.KvDistances, FirstPort);
        }
        else
        {
            foreach (var node in nodes)
            {
                foreach (var peer in nodes.Where(p => p != node))
                {
                    node.WithEnvironment($"Kv__Peers__{peer.Resource.Name}", peer.GetEndpoint("http"));
                }
            }
        }

        return builder.ExecutionContext.IsPublishMode ? nodes : [.. nodes, .. builder.AddKvJoiners(topology, nodes[0], clusterKey, dataRoot)];
    }

    // kv(N+1).. with no peers: each joins the running cluster through the first node, as an operator would add one.
    private static IEnumerable<IResourceBuilder<ProjectResource>> AddKvJoiners(
        this IDistributedApplicationBuilder builder, TopologyOptions topology, IResourceBuilder<ProjectResource> through,
        IResourceBuilder<ParameterResource> clusterKey, string dataRoot)
    {
        for (var i = topology.KvNodes; i < topology.KvNodes + topology.KvJoiners; i++)
        {
            var nodeId = $"kv{i + 1}";
            var joiner = builder.AddProject<Projects.KvNode>(nodeId, launchProfileName: null)
                .WithHttpEndpoint(port: FirstPort + i, name: "http")
                .WithHttpHealthCheck(HealthPath)
                .WithEnvironment("Kv__NodeId", nodeId)
                .WithEnvironment("DOTNET_GCgen0size", Gen0Budget)
                .WithEnvironment("Kv__ClusterKey", clusterKey)
                .WithEnvironment("Kv__ChaosEnabled", "true")
                .WithEnvironment("Kv__DataDir", Path.Combine(dataRoot, nodeId))
                .WithEnvironment("Kv__Join", through.GetEndpoint("http"));
            joiner.WithEnvironment("Kv__AdvertisedUrl", joiner.GetEndpoint("http"));
            yield return joiner;
        }
    }

    /// <summary>
    /// Adds the causality explorer on port 7100: it watches every node's events with the cluster key, which stays in
    /// it, and serves the live space-time diagram. A local tool, like fault injection: not published.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddCausalityExplorer(
        this IDistributedApplicationBuilder builder,
        IReadOnlyList<IResourceBuilder<ProjectResource>> nodes,
        IResourceBuilder<ParameterResource> clusterKey)
    {
        var explorer = builder.AddProject<Projects.Explorer>("explorer", launchProfileName: null)
            .WithHttpEndpoint(port: ExplorerPort, name: "http")
            .WithHttpHealthCheck(HealthPath)
            .WithEnvironment("Explorer__ClusterKey", clusterKey)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Causality explorer");
        foreach (var node in nodes)
        {
            explorer.WithEnvironment($"Explorer__Nodes__{node.Resource.Name}", node.GetEndpoint("http"));
        }

        return explorer;
    }

    /// <summary>The causality explorer's port, next to the nodes'.</summary>
    public const int ExplorerPort = 7100;

    private const string HealthPath = "/health";
}
