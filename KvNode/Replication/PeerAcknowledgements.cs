namespace GridAspire.KvNode.Replication;

/// <summary>
/// How far each peer has delivered this node's own writes, as remembered across restarts: a peer's resume point, and,
/// as the minimum over every peer, how much of the own-write log no one needs any more. Not thread-safe: the node
/// serialises access.
/// </summary>
public sealed class PeerAcknowledgements
{
    private readonly Dictionary<string, long> _acked = new(StringComparer.Ordinal);

    /// <summary>Every peer's acknowledged position, for a snapshot.</summary>
    public IReadOnlyDictionary<string, long> All => _acked;

    /// <summary>The highest own write <paramref name="peer"/> has delivered; zero when it never said.</summary>
    public long Of(string peer) => _acked.GetValueOrDefault(peer);

    /// <summary>Records a newer acknowledgement; false when <paramref name="acked"/> is not beyond what is known.</summary>
    public bool Record(string peer, long acked)
    {
        if (acked <= Of(peer))
        {
            return false;
        }

        _acked[peer] = acked;
        return true;
    }

    /// <summary>Puts back an acknowledgement read from disk (positions only ever grow, except by <see cref="Forget"/>).</summary>
    public void Restore(string peer, long acked) => _acked[peer] = Math.Max(Of(peer), acked);

    /// <summary>The peer lost its disk: nothing it acknowledged counts any more.</summary>
    public void Forget(string peer) => _acked[peer] = 0;

    /// <summary>This node writes under a new clock entry: no peer has acknowledged any of its writes yet.</summary>
    public void ForgetAll() => _acked.Clear();

    /// <summary>The own writes every one of <paramref name="peers"/> has delivered (everything, when there are none).</summary>
    public long EveryPeerHas(IEnumerable<string> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var least = long.MaxValue;
        foreach (var peer in peers)
        {
            least = Math.Min(least, Of(peer));
        }

        return least;
    }
}
