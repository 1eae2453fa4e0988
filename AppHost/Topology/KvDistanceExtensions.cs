namespace GridAspire.AppHost.Topology;

/// <summary>
/// Emulated regions for the local KV cluster: every link from one node to another goes through the delay proxy
/// (DelayProxy, resource <c>kv-distance</c>), delayed each way by its pair's distance, so the causality explorer shows
/// what distance does (slanted arrows, writes held until what they depend on arrives from further away).
/// </summary>
internal static class KvDistanceExtensions
{
    /// <summary>The proxy's admin API (GET /links, PUT /links/{name}): change a distance or cut a link while it runs.</summary>
    public const int AdminPort = 7149;

    /// <summary>Link kvI -> kvJ listens on FirstLinkPort + (I-1) * 10 + (J-1), next to the nodes' ports.</summary>
    public const int FirstLinkPort = 7150;

    /// <summary>
    /// Points every node's peers at the proxy's links; <paramref name="oneWayMs"/> gives the pairs' distances in the order
    /// kv1-kv2, kv1-kv3, ..., kv2-kv3, ..., repeated when shorter.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddKvDistances(
        this IDistributedApplicationBuilder builder, IReadOnlyList<IResourceBuilder<ProjectResource>> nodes, IReadOnlyList<int> oneWayMs, int firstNodePort)
    {
        if (nodes.Count > 10)
        {
            throw new InvalidOperationException($"{TopologyOptions.SectionName}:KvOneWayMs: emulated distance takes at most 10 KV nodes.");
        }

        var args = new List<string>();
        var pair = 0;
        var distance = new Dictionary<(int, int), int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = i + 1; j < nodes.Count; j++)
            {
                distance[(i, j)] = distance[(j, i)] = oneWayMs[pair++ % oneWayMs.Count];
            }
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = 0; j < nodes.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var (from, to) = (nodes[i].Resource.Name, nodes[j].Resource.Name);
                var port = FirstLinkPort + (i * 10) + j;
                args.AddRange("--link", $"{from}-{to}=127.0.0.1:{port}>127.0.0.1:{firstNodePort + j}@{distance[(i, j)]}");
                var peerAddress = $"http://127.0.0.1:{port}";
                nodes[i].WithEnvironment($"Kv__Peers__{to}", peerAddress);
            }
        }

        return builder.AddProject<Projects.DelayProxy>("kv-distance", launchProfileName: null)
            .WithHttpEndpoint(port: AdminPort, name: "http")
            .WithHttpHealthCheck("/health")
            .WithArgs([.. args])
            .WithUrlForEndpoint("http", url =>
            {
                url.Url = "/links";
                url.DisplayText = "Links between KV nodes";
            });
    }
}
