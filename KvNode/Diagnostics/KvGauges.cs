namespace GridAspire.KvNode.Diagnostics;

/// <summary>The node's state as <c>/metrics</c> shows it, read once per scrape.</summary>
/// <param name="BufferDepth">Writes waiting for their causal past.</param>
/// <param name="OwnWrites">Sequence number of the newest own write.</param>
/// <param name="Tombstones">Deletes held until they are causally stable.</param>
/// <param name="Clock">Delivered clock entry per origin.</param>
/// <param name="Peers">Replication state per peer.</param>
/// <param name="RetiredIncarnations">Clock entries of incarnations lost with a disk.</param>
/// <param name="PrunedIncarnations">Of those, the ones new writes leave out of their clocks.</param>
public sealed record KvGauges(
    int BufferDepth,
    long OwnWrites,
    int Tombstones,
    IReadOnlyList<KeyValuePair<string, long>> Clock,
    IReadOnlyList<PeerGauge> Peers,
    int RetiredIncarnations = 0,
    int PrunedIncarnations = 0);
