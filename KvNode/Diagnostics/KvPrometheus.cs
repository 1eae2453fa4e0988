using Prometheus;

namespace GridAspire.KvNode.Diagnostics;

/// <summary>
/// The node's state for Prometheus on <c>/metrics</c> (the dashboard's contract, like the substations' and the
/// balancer's): buffer depth, tombstones, per-peer replication lag and reachability, own writes and the delivered clock. Read at
/// each scrape through <see cref="KvGauges"/>, so nothing is counted twice and this class needs nothing from the node;
/// event counters and histograms (writes, deliveries, flushes) are <see cref="KvMetrics"/>, exported by OpenTelemetry.
/// </summary>
public sealed class KvPrometheus
{
    /// <summary>Creates the registry and fills it from <paramref name="read"/> before every scrape.</summary>
    public KvPrometheus(string nodeId, Func<KvGauges> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        var buffer = f.CreateGauge("kv_buffer_depth", "Writes waiting for their causal past.", ["node"]).WithLabels(nodeId);
        var ownWrites = f.CreateGauge("kv_own_writes", "Writes this node accepted from clients.", ["node"]).WithLabels(nodeId);
        var tombstones = f.CreateGauge("kv_tombstones", "Deletes held until causally stable, then forgotten.", ["node"]).WithLabels(nodeId);
        var clock = f.CreateGauge("kv_clock", "Delivered vector clock entry per origin.", ["node", "origin"]);
        var lag = f.CreateGauge("kv_replication_lag_writes", "Own writes a peer has not yet acknowledged.", ["node", "peer"]);
        var reachable = f.CreateGauge("kv_peer_reachable", "1 when the last send to the peer succeeded.", ["node", "peer"]);
        Registry.AddBeforeCollectCallback(() =>
        {
            var gauges = read();
            buffer.Set(gauges.BufferDepth);
            ownWrites.Set(gauges.OwnWrites);
            tombstones.Set(gauges.Tombstones);
            foreach (var (origin, delivered) in gauges.Clock)
            {
                clock.WithLabels(nodeId, origin).Set(delivered);
            }

            foreach (var peer in gauges.Peers)
            {
                lag.WithLabels(nodeId, peer.Peer).Set(peer.Lag);
                reachable.WithLabels(nodeId, peer.Peer).Set(peer.Reachable ? 1 : 0);
            }
        });
    }

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }
}
