using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Applies membership changes to this node and reports them: a join or a removal asked for here, or told by a peer
/// (pushed by the member that was asked, or passed on with any replication frame). Both only ever add to a set, so
/// wherever and in whatever order they arrive, every node ends with the same members.
/// </summary>
public sealed class MembershipChanges(CausalNode node, KvMetrics metrics, ILogger<MembershipChanges> logger)
{
    /// <summary>Pulses after every change applied here.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>True while this node hands its writes on before it leaves (<c>POST /admin/leave</c>).</summary>
    public bool Leaving { get; set; }

    /// <summary>Removes <paramref name="member"/> for good and completes once that is on disk here; false when it already was.</summary>
    public async Task<bool> RemoveAsync(string member, string source)
    {
        var effect = node.Change(parts => MembershipStep.Remove(parts, member));
        if (!effect.Changed)
        {
            return false;
        }

        Report(member, source, effect);
        await node.DurableAsync(effect.Position);
        return true;
    }

    /// <summary>Adds <paramref name="member"/>, serving at <paramref name="address"/>, and completes once that is on disk here; false when it was known.</summary>
    public async Task<bool> JoinAsync(string member, Uri address, string source)
    {
        var effect = node.Change(parts => MembershipStep.Join(parts, member, address));
        if (!effect.Changed)
        {
            return false;
        }

        ReportJoined(member, address, source);
        await node.DurableAsync(effect.Position);
        return true;
    }

    /// <summary>
    /// Adds every one of <paramref name="members"/> in one step and one journal record (a node that joined takes the whole
    /// membership at once: a crash keeps all of it or none, and with none it asks to join again; a prefix would have left
    /// it for good without the initial members the rest named, which no frame mentions), completing once it is on disk.
    /// </summary>
    public async Task JoinAllAsync(IReadOnlyDictionary<string, Uri> members, string source)
    {
        ArgumentNullException.ThrowIfNull(members);
        var (added, position) = node.Change(parts => MembershipStep.JoinAll(parts, members));
        foreach (var (member, address) in added)
        {
            ReportJoined(member, address, source);
        }

        await node.DurableAsync(position);
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
            return parts.Peers.All(p => parts.Acks.Of(p) >= last) ? MembershipStep.Remove(parts, node.NodeId) : MembershipEffect.None;
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
    /// Takes the joins and removals <paramref name="from"/> knows of, joins first (a member may have joined and been
    /// removed since); removals of ids this node never heard of are ignored. Not waited for on disk: a change a crash
    /// loses here is learnt again from the first peer that exchanges a frame.
    /// </summary>
    public void Learn(IReadOnlyList<string>? removed, IReadOnlyDictionary<string, Uri>? joined, string from)
    {
        // Every frame of a cluster that ever changed carries these: nothing is allocated, and nothing taken, for what is known.
        foreach (var (member, address) in joined ?? EmptyJoined)
        {
            if (!IsJoinable(member, address))
            {
                continue; // a peer's garbage, not a member: nothing is learnt from it
            }

            if (member != node.NodeId && !node.Membership.Known.Contains(member)
                && node.Change(parts => MembershipStep.Join(parts, member, address)).Changed)
            {
                ReportJoined(member, address, $"told by {from}");
            }
        }

        foreach (var member in removed ?? [])
        {
            if (!node.Membership.Known.Contains(member) || node.Membership.IsRemoved(member))
            {
                continue;
            }

            var effect = node.Change(parts => MembershipStep.Remove(parts, member));
            if (effect.Changed)
            {
                Report(member, $"told by {from}", effect);
            }
        }
    }

    /// <summary>True for a well-formed member: a node id as <c>Kv:NodeId</c> must be, and an absolute http(s) address.</summary>
    public static bool IsJoinable(string? member, Uri? address) =>
        member is not null && KvOptions.IsNodeId(member)
        && address is { IsAbsoluteUri: true } && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);

    private static readonly IReadOnlyDictionary<string, Uri> EmptyJoined = new Dictionary<string, Uri>();

    private void ReportJoined(string member, Uri address, string source)
    {
        metrics.MembershipChanged("joined");
        KvLog.MemberJoined(logger, node.NodeId, member, address, source);
        Changed.Pulse();
    }

    private void Report(string member, string source, MembershipEffect effect)
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
