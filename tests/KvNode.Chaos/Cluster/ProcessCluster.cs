using System.Net;
using GridAspire.DelayProxy;
using GridAspire.TestSupport;

namespace GridAspire.KvNode.Chaos.Cluster;

/// <summary>
/// N KvNode processes on loopback that replicate to each other, each with its own data directory; optionally each at its
/// own distance from every other (a delay proxy on each link between two nodes).
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    /// <summary>The cluster key the harness uses for replication and fault injection.</summary>
    public const string ClusterKey = "chaos-cluster-key-0123456789";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly IReadOnlyList<DelayLink> _links;
    private readonly string _root;
    private readonly List<NodeProcess> _started;
    private IReadOnlyList<NodeProcess> _members;

    private ProcessCluster(IReadOnlyList<NodeProcess> nodes, IReadOnlyList<DelayLink> links, string root)
    {
        _members = nodes;
        _started = [.. nodes];
        _links = links;
        _root = root;
    }

    /// <summary>The members now: kv1..kvN, plus those that joined, less those removed or that left.</summary>
    public IReadOnlyList<NodeProcess> Nodes => Volatile.Read(ref _members);

    /// <summary>Every node process started, members or not.</summary>
    public IReadOnlyList<NodeProcess> Started => _started;

    /// <summary>The node called <paramref name="nodeId"/>.</summary>
    public NodeProcess this[string nodeId] => _started.Single(n => n.NodeId == nodeId);

    /// <summary>
    /// Starts <paramref name="size"/> nodes under <paramref name="root"/> and waits until all are healthy. With
    /// <paramref name="distance"/>, node i reaches node j through a proxy that delays each way by distance(i, j) (1-based).
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(int size, string root, Func<int, int, TimeSpan>? distance = null)
    {
        var ids = Enumerable.Range(1, size).Select(i => $"kv{i}").ToList();
        var addresses = ids.ToDictionary(id => id, _ => new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}"));
        var links = new List<DelayLink>();
        Uri PeerAddress(int from, int to)
        {
            if (distance is null || distance(from, to) <= TimeSpan.Zero)
            {
                return addresses[ids[to - 1]];
            }

            var target = addresses[ids[to - 1]];
            var link = new DelayLink(
                $"{ids[from - 1]}-{ids[to - 1]}", new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, target.Port),
                new LinkDelay(distance(from, to), TimeSpan.Zero));
            link.Start();
            links.Add(link);
            return new Uri($"http://127.0.0.1:{link.Listening.Port}");
        }

        var nodes = ids.Select(id =>
        {
            var environment = EnvironmentOf(id, addresses[id], root);
            foreach (var peer in ids.Where(p => p != id))
            {
                environment[$"Kv__Peers__{peer}"] = PeerAddress(ids.IndexOf(id) + 1, ids.IndexOf(peer) + 1).ToString().TrimEnd('/');
            }

            return new NodeProcess(id, addresses[id], environment, Path.Combine(root, $"{id}.log"));
        }).ToList();

        var cluster = new ProcessCluster(nodes, links, root);
        foreach (var node in nodes)
        {
            node.Start();
        }

        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitHealthyAsync(cluster._probe, StartTimeout)));
        }
        catch
        {
            // Never leave node processes behind: the caller gets the error, not orphans on its ports.
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private static Dictionary<string, string> EnvironmentOf(string id, Uri address, string root) => new()
    {
        ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Kv__NodeId"] = id,
        ["Kv__ClusterKey"] = ClusterKey,
        ["Kv__ChaosEnabled"] = "true",
        ["Kv__DataDir"] = Path.Combine(root, id),
        ["Kv__ContextWaitTimeout"] = "00:00:00.500",
        ["Kv__Replication__ResendInterval"] = "00:00:00.050",
        ["Kv__Replication__InitialBackoff"] = "00:00:00.050",
        ["Kv__Replication__MaxBackoff"] = "00:00:00.200",
        ["Kv__Replication__RequestTimeout"] = "00:00:02",
        // Tombstones are forgotten within a run, so the checker sees keys read as absent after their delete.
        ["Kv__TombstoneGrace"] = "00:00:00.100",
        ["Kv__Replication__ClockExchangeInterval"] = "00:00:00.100",
        // Node logs line up with the history (which counts from the run's start) by wall-clock time.
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>
    /// Starts a killed node again, on its port and data directory, and waits until it serves requests (not until it
    /// accepts writes: one that lost its disk rejoins only once every peer answers, and a peer's fault may delay it).
    /// </summary>
    public async Task RestartAsync(NodeProcess node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Start();
        await node.WaitHealthyAsync(_probe, StartTimeout, "/alive");
    }

    /// <summary>
    /// Starts a new node <paramref name="nodeId"/> that joins through <paramref name="via"/> (<c>Kv:Join</c>, no peers)
    /// and waits until it serves requests; it is a member from then on (it takes writes once it holds the state).
    /// </summary>
    public async Task<NodeProcess> JoinAsync(string nodeId, NodeProcess via)
    {
        ArgumentNullException.ThrowIfNull(via);
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}");
        var environment = EnvironmentOf(nodeId, address, _root);
        environment["Kv__Join"] = via.Address.ToString().TrimEnd('/');
        environment["Kv__AdvertisedUrl"] = address.ToString().TrimEnd('/');
        var node = new NodeProcess(nodeId, address, environment, Path.Combine(_root, $"{nodeId}.log"));
        _started.Add(node);
        node.Start();
        await node.WaitHealthyAsync(_probe, StartTimeout, "/alive");
        Volatile.Write(ref _members, [.. Nodes, node]);
        return node;
    }

    /// <summary><paramref name="node"/> is no member any more (removed, or it left): no fault, session or final read goes to it.</summary>
    public void Forget(NodeProcess node) => Volatile.Write(ref _members, [.. Nodes.Where(n => n != node)]);

    /// <summary>Waits until <paramref name="node"/> is ready: it accepts writes.</summary>
    public Task WaitWritableAsync(NodeProcess node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.WaitHealthyAsync(_probe, StartTimeout);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _started)
        {
            await node.DisposeAsync();
        }

        foreach (var link in _links)
        {
            await link.DisposeAsync();
        }

        _probe.Dispose();
    }
}
