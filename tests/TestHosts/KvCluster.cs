using GridAspire.Contracts.Kv;

namespace GridAspire.TestHosts;

/// <summary>N real nodes on loopback that replicate to each other over HTTP.</summary>
public sealed class KvCluster : IAsyncDisposable
{
    public const string ClusterKey = "test-cluster-key-0123456789";

    private readonly List<KvTestNode> _nodes;

    private KvCluster(List<KvTestNode> nodes) => _nodes = nodes;

    public IReadOnlyList<KvTestNode> Nodes => _nodes;

    public KvTestNode this[string nodeId] => Nodes.First(n => n.NodeId == nodeId); // the first: a test may start an impostor under a used id

    public static async Task<KvCluster> StartAsync(int size, IReadOnlyDictionary<string, string?>? extraSettings = null, string? dataRoot = null)
    {
        var ids = Enumerable.Range(1, size).Select(i => $"kv{i}").ToList();
        var ports = ids.ToDictionary(id => id, _ => LoopbackPorts.Next());
        var nodes = ids.Select(id =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Kv:NodeId"] = id,
                ["Kv:ClusterKey"] = ClusterKey,
                ["Kv:ChaosEnabled"] = "true",
                ["Kv:ContextWaitTimeout"] = "00:00:02",
                ["Kv:Replication:ResendInterval"] = "00:00:00.050",
                ["Kv:Replication:MaxBackoff"] = "00:00:00.200",
            };
            foreach (var peer in ids.Where(p => p != id))
            {
                settings[$"Kv:Peers:{peer}"] = $"http://127.0.0.1:{ports[peer]}";
            }

            foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            if (dataRoot is not null)
            {
                settings["Kv:DataDir"] = Path.Combine(dataRoot, id);
            }

            return new KvTestNode(id, ports[id], settings);
        }).ToList();

        foreach (var node in nodes)
        {
            node.StartServer();
        }

        // Each node first asks its peers whether they know writes of its own (see OwnSequenceGuard).
        await Task.WhenAll(nodes.Select(n => n.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30))));
        return new KvCluster(nodes);
    }

    /// <summary>
    /// Stops <paramref name="nodeId"/> and starts it again on the same port with the same settings, optionally with
    /// another data directory (an empty one: the node lost its disk) or other settings. Returns the new node, serving.
    /// </summary>
    public async Task<KvTestNode> RestartAsync(
        string nodeId, string? dataDir = null, bool waitForWrites = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var old = this[nodeId];
        await old.DisposeAsync();
        var merged = old.Settings.ToDictionary();
        if (dataDir is not null)
        {
            merged["Kv:DataDir"] = dataDir;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var restarted = new KvTestNode(nodeId, old.Address.Port, merged);
        restarted.StartServer();
        if (waitForWrites)
        {
            await restarted.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _nodes[_nodes.IndexOf(old)] = restarted;
        return restarted;
    }

    /// <summary>
    /// Starts a new node <paramref name="nodeId"/> with no peers that joins the cluster through <paramref name="via"/>
    /// (<c>Kv:Join</c>), with the cluster's other settings; it serves at once, and takes writes once it holds the state.
    /// </summary>
    public KvTestNode Join(string nodeId, string via, string? dataDir = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = LoopbackPorts.Next();
        var merged = this[via].Settings
            .Where(s => !s.Key.StartsWith("Kv:Peers:", StringComparison.Ordinal) && s.Key != "Kv:DataDir")
            .ToDictionary();
        merged["Kv:NodeId"] = nodeId;
        merged["Kv:Join"] = this[via].Address.ToString();
        merged["Kv:AdvertisedUrl"] = $"http://127.0.0.1:{port}";
        if (dataDir is not null)
        {
            merged["Kv:DataDir"] = dataDir;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var node = new KvTestNode(nodeId, port, merged);
        node.StartServer();
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops <paramref name="nodeId"/> for good (as if its machine died); <see cref="RestartAsync"/> can start it again.</summary>
    public async Task StopAsync(string nodeId) => await this[nodeId].DisposeAsync();

    /// <summary>Waits, on the nodes' own delivery signals, until every node has delivered <paramref name="clock"/>.</summary>
    public async Task WaitForAllAsync(VectorClock clock, TimeSpan? timeout = null)
    {
        var deadline = timeout ?? TimeSpan.FromSeconds(10);
        var reached = await Task.WhenAll(Nodes.Select(n => n.Node.WaitForAsync(clock, deadline, CancellationToken.None)));
        Assert.True(reached.All(r => r), $"not every node delivered {clock}: " +
            string.Join(", ", Nodes.Select(n => $"{n.NodeId}={n.Node.Clock}")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
