namespace GridAspire.KvNode.Node;

/// <summary>
/// The node's state as its gauges and probes read it, kept as it changes: the node updates it at the end of every
/// change, under its lock (a few stores), and readers take it without any lock. A scrape of <c>/metrics</c> then costs
/// the same whatever the buffer or the store hold, and no write ever waits for one.
/// </summary>
public sealed class NodeReadings
{
    private VectorClock _clock = VectorClock.Empty;
    private int _buffered;
    private long _ownWrites;
    private int _keys;
    private int _tombstones;
    private int _retired;
    private int _pruned;
    private bool _someDiskLost;

    /// <summary>The delivered clock.</summary>
    public VectorClock Clock => Volatile.Read(ref _clock);

    /// <summary>Writes waiting for their causal past.</summary>
    public int Buffered => Volatile.Read(ref _buffered);

    /// <summary>Sequence number of the newest own write.</summary>
    public long OwnWrites => Volatile.Read(ref _ownWrites);

    /// <summary>Keys held, tombstones included.</summary>
    public int Keys => Volatile.Read(ref _keys);

    /// <summary>Keys held as deletes.</summary>
    public int Tombstones => Volatile.Read(ref _tombstones);

    /// <summary>Clock entries of incarnations lost with a disk.</summary>
    public int RetiredIncarnations => Volatile.Read(ref _retired);

    /// <summary>Of those, the ones new writes leave out of their clocks.</summary>
    public int PrunedIncarnations => Volatile.Read(ref _pruned);

    /// <summary>True once some node is known to have lost its disk (lost-write checks cost nothing until then).</summary>
    public bool SomeDiskLost => Volatile.Read(ref _someDiskLost);

    /// <summary>Under the node's lock, after a change: records the state now.</summary>
    internal void Update(Replica replica, long ownWrites, IncarnationState incarnations)
    {
        Volatile.Write(ref _clock, replica.Clock);
        Volatile.Write(ref _buffered, replica.Buffered);
        Volatile.Write(ref _ownWrites, ownWrites);
        Volatile.Write(ref _keys, replica.Store.Count);
        Volatile.Write(ref _tombstones, replica.Store.Tombstones);
        if (incarnations.SomeDiskLost)
        {
            Volatile.Write(ref _someDiskLost, true);
            Volatile.Write(ref _retired, incarnations.RetiredIn(replica.Clock));
            Volatile.Write(ref _pruned, incarnations.Pruned.Count);
        }
    }
}
