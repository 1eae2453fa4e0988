using GridAspire.KvNode.Durability;

namespace GridAspire.KvNode.Node;

/// <summary>
/// What a membership change does to the node's parts, under its lock. A member that joins is one more peer whose
/// acknowledgements and clock count. A member removed for good: its writes count as a retired
/// incarnation's (see <see cref="IncarnationBook"/>): those some remaining node holds are handed on as state, those none
/// holds are lost (a context naming one gets 410). Its acknowledgements and reported clock stop counting, so the own
/// writes only it lacked are trimmed and the tombstones only it had not seen are forgotten now, and from then on
/// everything is measured against the remaining members.
/// </summary>
internal static class MembershipStep
{
    /// <summary>Under the lock: removes <paramref name="member"/> and journals it (not waited for); <see cref="MembershipEffect.None"/> when it already was.</summary>
    public static MembershipEffect Remove(NodeParts parts, string member)
    {
        if (!parts.Members.Remove(member))
        {
            return MembershipEffect.None;
        }

        var position = parts.Journal.Append(new LogRecord(Removed: member));
        parts.Incarnations.Book.Remove(member);
        parts.Incarnations.Refresh(parts.Replica.Clock);
        parts.Replica.Peers.Forget(member);
        foreach (var peer in parts.Peers)
        {
            // Reports from before the removal may be stale about the removed member's writes: forgetting them makes every
            // link ask its peer for its clock again, so a member that lacks some of those writes finds one that has them.
            parts.Replica.Peers.Forget(peer);
        }
        var kept = parts.OwnWrites.Pending.Count;
        parts.OwnWrites.TrimThrough(parts.Acks.EveryPeerHas(parts.Peers));
        parts.Incarnations.PruneSettled(parts.Replica.Clock, parts.Peers, parts.Replica.Peers.Reported);
        var reaped = CausalNode.ReapTombstones(parts);
        var discarded = parts.Replica.DiscardUnreachable(parts.Incarnations.Pruned);
        return new MembershipEffect(true, position, kept - parts.OwnWrites.Pending.Count, reaped, discarded);
    }

    /// <summary>
    /// Under the lock: adds <paramref name="member"/> (it joined) and journals it (not waited for). From now on this node's
    /// own writes are kept until it has them too, and deletes wait for its clock. <see cref="MembershipEffect.None"/> when
    /// it was already known.
    /// </summary>
    public static MembershipEffect Join(NodeParts parts, string member, Uri address)
    {
        if (!parts.Members.Add(member, address))
        {
            return MembershipEffect.None;
        }

        var position = parts.Journal.Append(new LogRecord(Joined: member, JoinedAt: address));
        return new MembershipEffect(true, position, 0, 0, []);
    }

    /// <summary>
    /// Adds every one of <paramref name="members"/> not known yet, journaled as one record (a crash keeps all or none of
    /// them). Returns those added, and the journal position to wait for (0 when none was new).
    /// </summary>
    public static (IReadOnlyList<KeyValuePair<string, Uri>> Added, long Position) JoinAll(NodeParts parts, IReadOnlyDictionary<string, Uri> members)
    {
        var added = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var (member, address) in members)
        {
            if (parts.Members.Add(member, address))
            {
                added[member] = address;
            }
        }

        return added.Count == 0 ? ([], 0) : ([.. added], parts.Journal.Append(new LogRecord(JoinedMany: added)));
    }

    /// <summary>Replays a removal read from the journal or a snapshot (an id no longer known is ignored).</summary>
    public static void Restore(string member, ClusterMembers members, IncarnationState incarnations)
    {
        if (members.Known.Contains(member))
        {
            members.Remove(member);
            incarnations.Book.Remove(member);
        }
    }
}
