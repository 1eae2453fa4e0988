using System.Diagnostics.Metrics;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Events;
using GridAspire.KvNode.Node;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Tests.Node;

/// <summary>A causal node kv1 (peers kv2 and kv3, never contacted) over a journal the test chooses: no host, no HTTP.</summary>
internal static class DetachedNode
{
    public static CausalNode Create(INodeJournal journal, IServiceProvider services)
    {
        var options = Options.Create(new KvOptions
        {
            NodeId = "kv1",
            ClusterKey = "test-cluster-key-0123456789",
            Peers = new() { ["kv2"] = new Uri("http://127.0.0.1:1"), ["kv3"] = new Uri("http://127.0.0.1:2") },
        });
        var metrics = new KvMetrics(services.GetRequiredService<IMeterFactory>());
        return new CausalNode(
            options, metrics, NullLogger<CausalNode>.Instance, TimeProvider.System, journal,
            new NodeEventFeed(options, TimeProvider.System, metrics, NullLogger<NodeEventFeed>.Instance));
    }

    /// <summary>The replication side of <paramref name="node"/>.</summary>
    public static Replicator Replicator(CausalNode node)
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var membership = new MembershipChanges(node, new KvMetrics(meters.GetRequiredService<IMeterFactory>()), NullLogger<MembershipChanges>.Instance);
        return new(node, membership, Options.Create(new KvOptions { NodeId = node.NodeId }), TimeProvider.System);
    }

    /// <summary>The lost-disk side of <paramref name="node"/>.</summary>
    public static Rejoin Rejoin(CausalNode node, IServiceProvider services) =>
        new(node, new KvMetrics(services.GetRequiredService<IMeterFactory>()), TimeProvider.System, NullLogger<Rejoin>.Instance);
}
