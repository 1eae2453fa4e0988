namespace GridAspire.KvNode.Diagnostics;

/// <summary>One peer's replication state on <c>/metrics</c>.</summary>
/// <param name="Peer">The peer's node id.</param>
/// <param name="Lag">Own writes the peer has not yet acknowledged.</param>
/// <param name="Reachable">Whether the last send to the peer succeeded.</param>
public sealed record PeerGauge(string Peer, long Lag, bool Reachable);
