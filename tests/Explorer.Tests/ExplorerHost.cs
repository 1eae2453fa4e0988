using GridAspire.Explorer.Configuration;

namespace GridAspire.Explorer.Tests;

/// <summary>The real explorer on Kestrel at a loopback port, watching the nodes of <paramref name="cluster"/>.</summary>
internal sealed class ExplorerHost(KvCluster? cluster, IReadOnlyDictionary<string, string?>? extra = null)
    : LoopbackAppFactory<ExplorerOptions>(Configure(cluster, extra))
{
    private static Dictionary<string, string?> Configure(KvCluster? cluster, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Explorer:ClusterKey"] = KvCluster.ClusterKey,
            ["Explorer:ReconnectDelay"] = "00:00:00.100",
            ["Explorer:NodeTimeout"] = "00:00:02",
        };
        foreach (var node in cluster?.Nodes ?? [])
        {
            settings[$"Explorer:Nodes:{node.NodeId}"] = node.Address.ToString();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts the server (the factory starts lazily) and returns its address.</summary>
    public Uri Start()
    {
        StartServer();
        return Address;
    }
}
