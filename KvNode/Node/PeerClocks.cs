using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>
/// What this node knows of each peer's delivered clock: the clock of the latest write from each clock entry delivered
/// here, and the clock each peer last reported in an acknowledgement. Causal stability (when a delete may be forgotten)
/// and the rules for a lost incarnation's writes read it. Not thread-safe: the node serialises access.
/// </summary>
public sealed class PeerClocks
{
    private readonly Dictionary<string, VectorClock> _latestWriteFrom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VectorClock> _reportedBy = new(StringComparer.Ordinal);

    /// <summary>The delivered clock each peer reported, merged over its reports, by peer id.</summary>
    public IReadOnlyDictionary<string, VectorClock> Reported => _reportedBy;

    /// <summary>Records that <paramref name="write"/>, a peer's, was delivered here.</summary>
    public void Delivered(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _latestWriteFrom[write.Origin] = write.Clock;
    }

    /// <summary>Records the delivered clock <paramref name="peer"/> reported.</summary>
    public void Report(string peer, VectorClock delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        _reportedBy[peer] = _reportedBy.TryGetValue(peer, out var known) ? known.Merge(delivered) : delivered;
    }

    /// <summary>Forgets what <paramref name="peer"/> reported (it lost its disk, or left: the reports say nothing of what comes next).</summary>
    public void Forget(string peer) => _reportedBy.Remove(peer);

    /// <summary>
    /// What this node may rely on of <paramref name="peer"/>'s delivered clock (see <see cref="CausalStability.Known"/>):
    /// <paramref name="entry"/> is the clock entry the peer writes under now.
    /// </summary>
    public VectorClock? Known(string peer, string entry, VectorClock own) =>
        CausalStability.Known(entry, own, _latestWriteFrom.GetValueOrDefault(entry), _reportedBy.GetValueOrDefault(peer));
}
