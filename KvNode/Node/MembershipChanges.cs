using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Applies membership changes to this node and reports them: a removal asked for here (<c>DELETE /admin/members/{id}</c>)
/// or told by a peer (pushed by the member that was asked, or passed on with any replication frame). Removals only ever
/// add to a set, so wherever and in whatever order they arrive, every node ends with the same members.
/// </summary>
public sealed class MembershipChanges(CausalNode node, KvMetrics metrics, ILogger<MembershipChanges> logger)
{
    /// <summary>Pulses after every change applied here.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>Removes <paramref name="member"/> for good and completes once that is on disk here; false when it already was.</summary>
    public async Task<bool> RemoveAsync(string member, string source)
    {
        var effect = node.Change(parts => MemberRemoval.Apply(parts, member));
        if (!effect.Changed)
        {
            return false;
        }

        Report(member, source, effect);
        await node.DurableAsync(effect.Position);
        return true;
    }

    /// <summary>
    /// Leaves the cluster if every remaining member has acknowledged every one of this node's writes: then, in the same
    /// step under the node's lock (no write can slip in between), removes this node here and completes once that is on
    /// disk. False while some member still lacks some: the caller waits for more acknowledgements.
    /// </summary>
    public async Task<bool> TryLeaveAsync()
    {
        var writes = 0L;
        var effect = node.Change(parts =>
        {
            writes = parts.OwnWrites.LastSequence;
            var last = writes;
            return parts.Peers.All(p => parts.Acks.Of(p) >= last) ? MemberRemoval.Apply(parts, node.NodeId) : RemovalEffect.None;
        });
        if (!effect.Changed)
        {
            return false;
        }

        KvLog.Left(logger, node.NodeId, writes);
        Report(node.NodeId, "left", effect);
        await node.DurableAsync(effect.Position);
        return true;
    }

    /// <summary>How many of this node's writes each remaining member has not acknowledged yet (members lacking none left out).</summary>
    public IReadOnlyDictionary<string, long> Lacking() => node.Change(
        parts => parts.Peers.Where(p => parts.Acks.Of(p) < parts.OwnWrites.LastSequence)
            .ToDictionary(p => p, p => parts.OwnWrites.LastSequence - parts.Acks.Of(p), StringComparer.Ordinal),
        changes: false);

    /// <summary>
    /// Takes the removals <paramref name="from"/> knows of; ids this cluster never had are ignored. Not waited for on
    /// disk: a removal a crash loses here is learnt again from the first peer that exchanges a frame.
    /// </summary>
    public void Learn(IReadOnlyList<string> removed, string from)
    {
        ArgumentNullException.ThrowIfNull(removed);
        foreach (var member in removed)
        {
            if (!node.Membership.Initial.Contains(member) || node.Membership.IsRemoved(member))
            {
                continue;
            }

            var effect = node.Change(parts => MemberRemoval.Apply(parts, member));
            if (effect.Changed)
            {
                Report(member, $"told by {from}", effect);
            }
        }
    }

    private void Report(string member, string source, RemovalEffect effect)
    {
        metrics.MembershipChanged(source == "left" ? "left" : "removed");
        node.ReportReaped(effect.Reaped);
        foreach (var pending in effect.Discarded)
        {
            node.Reporter.Discarded(pending.Write, source);
        }

        if (member == node.NodeId)
        {
            node.Writes.CloseForGood(CausalNode.RemovedRefusal);
            if (source != "left")
            {
                KvLog.SelfRemoved(logger, node.NodeId, source);
            }
        }
        else
        {
            KvLog.MemberRemoved(logger, node.NodeId, member, source, effect.Trimmed, effect.Reaped, effect.Discarded.Count);
        }

        Changed.Pulse();
    }
}
