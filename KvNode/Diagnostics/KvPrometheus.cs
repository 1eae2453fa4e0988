using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Prometheus;

namespace GridAspire.KvNode.Diagnostics;

/// <summary>
/// The node's state for Prometheus on <c>/metrics</c>: buffer depth, per-peer replication lag and reachability,
/// own writes and the delivered clock. Read from the node at each scrape, so nothing is counted twice; event
/// counters (writes, deliveries, duplicates) go through OpenTelemetry to the Aspire dashboard.
/// </summary>
public sealed class KvPrometheus
{
    /// <summary>Creates the registry and refreshes it from <paramref name="node"/> before every scrape.</summary>
    public KvPrometheus(CausalNode node, PeerLinks links)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(links);
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        var buffer = f.CreateGauge("kv_buffer_depth", "Writes waiting for their causal past.", ["node"]).WithLabels(node.NodeId);
        var ownWrites = f.CreateGauge("kv_own_writes", "Writes this node accepted from clients.", ["node"]).WithLabels(node.NodeId);
        var clock = f.CreateGauge("kv_clock", "Delivered vector clock entry per origin.", ["node", "origin"]);
        var lag = f.CreateGauge("kv_replication_lag_writes", "Own writes a peer has not yet acknowledged.", ["node", "peer"]);
        var reachable = f.CreateGauge("kv_peer_reachable", "1 when the last send to the peer succeeded.", ["node", "peer"]);
        Registry.AddBeforeCollectCallback(() =>
        {
            var snapshot = node.Snapshot();
            buffer.Set(snapshot.Buffered.Count);
            ownWrites.Set(snapshot.OwnWrites);
            foreach (var member in node.Members)
            {
                clock.WithLabels(node.NodeId, member).Set(snapshot.Clock[member]);
            }

            foreach (var (peer, link) in links.All)
            {
                lag.WithLabels(node.NodeId, peer).Set(snapshot.OwnWrites - link.Acked);
                reachable.WithLabels(node.NodeId, peer).Set(link.Reachable ? 1 : 0);
            }
        });
    }

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }
}
