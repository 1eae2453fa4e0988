using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Which incarnation of every node is current (see <see cref="Incarnations"/>), and what that means for the writes of
/// the retired ones. A retired incarnation writes nothing more, and its writes that reached only some nodes will never
/// be re-sent by their origin: the nodes that have them must hand them on, as state, to the nodes that do not. A member
/// removed from the cluster is the same case for all of its incarnations: it writes nothing more, and whatever of its
/// writes no remaining member holds was lost with it. Not thread-safe: the node serialises access.
/// </summary>
public sealed class IncarnationBook
{
    private readonly Dictionary<string, int> _announced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    /// <summary>The newest incarnation each node announced when it started empty, by node id.</summary>
    public IReadOnlyDictionary<string, int> Announced => _announced;

    /// <summary>Records that a node announced <paramref name="entry"/>; returns false when an equal or newer one is already known.</summary>
    public bool Announce(string entry)
    {
        var member = Incarnations.MemberOf(entry);
        var number = Incarnations.NumberOf(entry);
        if (number <= _announced.GetValueOrDefault(member))
        {
            return false;
        }

        _announced[member] = number;
        return true;
    }

    /// <summary><paramref name="member"/> was removed from the cluster: every incarnation of it is retired.</summary>
    public void Remove(string member) => _removed.Add(member);

    /// <summary>The newest incarnation of <paramref name="member"/> known here, 0 when none: announced, or named in <paramref name="own"/>.</summary>
    public int Current(string member, VectorClock own) =>
        Math.Max(_announced.GetValueOrDefault(member), Incarnations.HighestIn(own, member));

    /// <summary>True when a newer incarnation of <paramref name="entry"/>'s node is known: it writes nothing more.</summary>
    public bool IsRetired(string entry, VectorClock own) =>
        (_removed.Count > 0 && _removed.Contains(Incarnations.MemberOf(entry)))
        || Incarnations.NumberOf(entry) < Current(Incarnations.MemberOf(entry), own);

    /// <summary>True once some node is known to have lost its disk: a retired incarnation, announced or in <paramref name="own"/>.</summary>
    public bool AnyRetired(VectorClock own)
    {
        ArgumentNullException.ThrowIfNull(own);
        if (_removed.Count > 0)
        {
            return true;
        }

        foreach (var (_, number) in _announced)
        {
            if (number > 1)
            {
                return true;
            }
        }

        foreach (var node in own.Nodes)
        {
            if (IsRetired(node, own))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The peer to take state from, or null: one that reported more writes of a retired incarnation than this node has,
    /// or the origin of a buffered write that waits for such writes (it had them when it wrote).
    /// </summary>
    public string? CatchUpSource(VectorClock own, IReadOnlyDictionary<string, VectorClock> reported, IEnumerable<ICausalMessage> buffered)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(buffered);
        if (!AnyRetired(own))
        {
            return null; // the common case: no disk was ever lost, and the buffer is not looked at
        }

        foreach (var (peer, clock) in reported)
        {
            if (clock.Entries.Any(e => e.Value > own[e.Key] && IsRetired(e.Key, own)))
            {
                return peer;
            }
        }

        foreach (var message in buffered)
        {
            if (!_removed.Contains(Incarnations.MemberOf(message.Origin))
                && message.Clock.Entries.Any(e => e.Key != message.Origin && e.Value > own[e.Key] && IsRetired(e.Key, own)))
            {
                return Incarnations.MemberOf(message.Origin);
            }
        }

        return null;
    }

    /// <summary>
    /// The retired incarnations every node holds the same writes of, as far as their reports show: nothing of theirs is
    /// still on its way anywhere. New writes can leave them out of their clocks (see <see cref="CausalNode"/>).
    /// </summary>
    public IReadOnlySet<string> Settled(VectorClock own, IReadOnlyCollection<string> peers, IReadOnlyDictionary<string, VectorClock> reported)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(reported);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in own.Nodes)
        {
            if (IsRetired(entry, own) && peers.All(p => reported.TryGetValue(p, out var clock) && clock[entry] == own[entry]))
            {
                settled.Add(entry);
            }
        }

        return settled;
    }

    /// <summary>
    /// True while some peer may still disagree with this node about a retired incarnation's writes: there is one, and
    /// not every peer has reported the same counters for it. Until then links keep asking their peer for its clock.
    /// </summary>
    public bool Unsettled(VectorClock own, IReadOnlyCollection<string> peers, IReadOnlyDictionary<string, VectorClock> reported)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(reported);
        if (!AnyRetired(own))
        {
            return false;
        }

        foreach (var peer in peers)
        {
            if (!reported.TryGetValue(peer, out var clock))
            {
                return true;
            }

            foreach (var entry in own.Nodes.Union(clock.Nodes))
            {
                if (IsRetired(entry, own) && own[entry] != clock[entry])
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Why <paramref name="needed"/> can never be delivered here, or null: it names writes of a retired incarnation
    /// beyond what this node and every peer (each has reported) hold, so they were lost with that node's disk.
    /// </summary>
    public string? Lost(VectorClock needed, VectorClock own, IReadOnlyCollection<string> peers, IReadOnlyDictionary<string, VectorClock> reported)
    {
        ArgumentNullException.ThrowIfNull(needed);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(reported);
        if (peers.Count == 0 || !peers.All(reported.ContainsKey))
        {
            return null;
        }

        foreach (var (entry, counter) in needed.Entries)
        {
            var held = Math.Max(own[entry], peers.Max(p => reported[p][entry]));
            if (counter > held && IsRetired(entry, own) && _removed.Contains(Incarnations.MemberOf(entry)))
            {
                return $"{entry}:{counter} was acknowledged by {Incarnations.MemberOf(entry)}, which was removed from the cluster, and no " +
                    $"remaining node holds it (they hold {entry} up to {held})";
            }

            if (counter > held && IsRetired(entry, own))
            {
                return $"{entry}:{counter} was acknowledged by {Incarnations.MemberOf(entry)} before it lost its disk, and no node " +
                    $"holds it (they hold {entry} up to {held}); {Incarnations.MemberOf(entry)} has rejoined as a new incarnation";
            }
        }

        return null;
    }
}
