namespace GridAspire.KvNode.Causality;

/// <summary>
/// When a delivered write is <em>causally stable</em> here: every write that will ever be delivered at this node from
/// now on is in its causal future. A tombstone that is stable can be forgotten, because nothing still to come can be
/// concurrent with it; every write that could lose to it by last-writer-wins has already been resolved against it.
/// </summary>
/// <remarks>
/// <para>
/// It is not enough that every node has delivered the write W (its clock is covered by every node's delivered clock):
/// a peer j may have issued a write concurrent with W before it delivered W, still on its way here. So for each peer
/// this node needs an observation O of j's delivered clock that covers W's clock <em>and</em> all of whose writes from
/// j have been delivered here (<c>own[j] &gt;= O[j]</c>): then every write of j concurrent with W (issued before O)
/// is already here, and every later one follows W.
/// </para>
/// <para>
/// Two observations qualify: the clock of the latest write from j delivered here (j's clock when it issued that
/// write, and delivered here by definition), and the delivered clock j reported in its latest acknowledgement, once
/// this node has caught up with j's own entry in it. Both are states of j's one monotonic clock, so the later one is
/// their merge.
/// </para>
/// </remarks>
public static class CausalStability
{
    /// <summary>
    /// What this node may rely on of <paramref name="peer"/>'s delivered clock, or null when it knows nothing usable.
    /// </summary>
    /// <param name="peer">The clock entry the peer writes under now.</param>
    /// <param name="own">This node's delivered clock.</param>
    /// <param name="latestWrite">Clock of the latest write from the peer delivered here, if any.</param>
    /// <param name="reported">Delivered clock the peer last reported, if any.</param>
    public static VectorClock? Known(string peer, VectorClock own, VectorClock? latestWrite, VectorClock? reported)
    {
        ArgumentNullException.ThrowIfNull(own);
        if (reported is null || own[peer] < reported[peer])
        {
            return latestWrite; // The report promises writes of the peer this node has not delivered yet.
        }

        return latestWrite is null ? reported : latestWrite.Merge(reported);
    }

    /// <summary>
    /// True when <paramref name="write"/> is stable: delivered here, and covered by what is known of every peer.
    /// </summary>
    public static bool IsStable(VectorClock write, VectorClock own, IEnumerable<VectorClock?> knownPeers)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(knownPeers);
        return own.Covers(write) && knownPeers.All(known => known is not null && known.Covers(write));
    }
}
