using System.Net.Http.Headers;
using GridAspire.KvNode.Durability;
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

    /// <summary>
    /// Stops the node and returns once its files are released. The factory's own disposal can return first: the app's
    /// entry point runs the host and disposes it on its own thread when the host stops, and the factory's second dispose
    /// of that host returns at once. The journal was then still cutting its segment's zero fill while a test read the
    /// segment (BatchWriteTests failed so: end of stream); disposing it here waits for that disposal to finish.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        IDisposable? journal = null;
        try
        {
            journal = Services.GetRequiredService<INodeJournal>() as IDisposable;
        }
        catch (ObjectDisposedException)
        {
            // The node's host was already disposed (by its own entry point): nothing left to wait for.
        }

        await base.DisposeAsync();
        journal?.Dispose();
    }

    private bool _stopped;

    /// <summary>A client that presents the cluster key.</summary>
    public HttpClient Admin()
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KvCluster.ClusterKey);
        return client;
    }
}
