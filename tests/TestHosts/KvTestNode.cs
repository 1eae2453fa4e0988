using System.Net.Http.Headers;
using GridAspire.KvNode.Node;

namespace GridAspire.TestHosts;

/// <summary>One real KV node: the real Program on Kestrel, bound to 127.0.0.1 on a port chosen before start.</summary>
public sealed class KvTestNode(string nodeId, int port, IReadOnlyDictionary<string, string?> settings)
    : LoopbackAppFactory<CausalNode>(settings, port: port)
{
    public string NodeId { get; } = nodeId;

    /// <summary>The node's in-process state, for event-driven waits (never for asserting what HTTP should show).</summary>
    public CausalNode Node => Services.GetRequiredService<CausalNode>();

    /// <summary>The node's lost-disk side, likewise.</summary>
    public Rejoin Rejoin => Services.GetRequiredService<Rejoin>();

    /// <summary>A client that presents the cluster key.</summary>
    public HttpClient Admin()
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KvCluster.ClusterKey);
        return client;
    }
}
