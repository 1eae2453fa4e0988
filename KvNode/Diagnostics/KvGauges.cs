namespace GridAspire.KvNode.Diagnostics;

/// <summary>The node's state as <c>/metrics</c> shows it, read once per scrape.</summary>
/// <param name="BufferDepth">Writes waiting for their causal past.</param>
/// <param name="OwnWrites">Sequence number of the newest own write.</param>
/// <param name="Tombstones">Deletes held until they are causally stable.</param>
/// <param name="Clock">Delivered clock entry per origin.</param>
/// <param name="Peers">Replication state per peer.</param>
public sealed record KvGauges(int BufferDepth, long OwnWrites, int Tombstones, IReadOnlyList<KeyValuePair<string, long>> Clock, IReadOnlyList<PeerGauge> Peers);
