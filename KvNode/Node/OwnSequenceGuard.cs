using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Makes sure a node never reuses a (node, counter) pair. A node that restored its state accepts writes at once.
/// A node that started empty first asks every peer what they know of it. Nothing (a new cluster): it tells every peer
/// it writes as itself (incarnation 1, kept on their disks) and accepts writes. Something (its writes, or that
/// announcement): it has lost its disk, even if none of its writes ever left it. It then rejoins as a new incarnation
/// (<c>kv1.2</c>, see <see cref="Incarnations"/>): it tells every peer, so they keep their own writes until the new
/// incarnation has them, takes the state of the peer that has delivered most, and only then accepts writes. Reads work
/// meanwhile. A new node in a cluster that already holds data (one that joined through <see cref="ClusterJoin"/>, or one
/// added to every node's peer list) takes a peer's state the same way before it accepts writes.
/// </summary>
public sealed class OwnSequenceGuard(
    CausalNode node,
    ClusterJoin join,
    Rejoin rejoin,
    PeerLinks links,
    PeerStateClient peers,
    IOptions<KvOptions> options,
    TimeProvider time,
    ILogger<OwnSequenceGuard> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (join.Needed && !await join.JoinAsync(stoppingToken))
        {
            return; // refused: the node says why, and takes no writes
        }

        if (!node.StartedEmpty || links.All.Count == 0)
        {
            var reason = node.StartedEmpty ? "no peers" : $"state restored from disk; writing as {node.WriterId}";
            if (node.StartedEmpty)
            {
                node.SettleAsNew(); // no peers: nobody could have seen an earlier incarnation
            }

            node.Writes.Open();
            KvLog.WritesAllowed(logger, node.NodeId, reason);
            return;
        }

        var statuses = await AskEveryPeerAsync(stoppingToken);
        var known = KnownIncarnation(statuses);
        if (known == 0)
        {
            if (await AnnounceToEveryPeerAsync(node.NodeId, stoppingToken))
            {
                // A new member of a cluster that already holds data (grown by configuration, or joined) takes a peer's
                // state before it calls itself ready: the peers trimmed what they had all acknowledged before it was a
                // member, and retired incarnations re-send nothing. Every peer knows it now (it took the announcement),
                // so nothing they trim from here on is missing from that state. Settled only after: a crash before that
                // restarts it as a node that lost its disk, which is safe.
                if (statuses.Values.Any(s => s.Clock.Entries.Any()))
                {
                    node.Writes.Close("it is a new member taking the cluster's state; retry shortly");
                    var (from, taken) = await TakeStateAsync(statuses, stoppingToken);
                    try
                    {
                        await rejoin.MergeAsync(taken);
                    }
                    catch (JournalFailedException)
                    {
                        return; // The node already refuses writes, saying why.
                    }

                    KvLog.TookState(logger, node.NodeId, from, taken.Writes.Count, taken.Clock);
                }

                node.SettleAsNew();
                node.Writes.Open();
                KvLog.WritesAllowed(logger, node.NodeId, "new node: no peer knew it; every peer now does");
                return;
            }

            statuses = await AskEveryPeerAsync(stoppingToken); // an earlier start of this node got that far
            known = KnownIncarnation(statuses);
        }

        node.Writes.Close("it lost its data directory and is rejoining its peers as a new incarnation; retry shortly");
        while (!stoppingToken.IsCancellationRequested)
        {
            var incarnation = Incarnations.Entry(node.NodeId, Math.Max(2, known + 1));
            KvLog.LostOwnWrites(logger, node.NodeId, known, incarnation);
            if (!await AnnounceToEveryPeerAsync(incarnation, stoppingToken))
            {
                known = KnownIncarnation(await AskEveryPeerAsync(stoppingToken)); // another start of this node got further
                continue;
            }

            var (source, state) = await TakeStateAsync(statuses, stoppingToken);
            try
            {
                await rejoin.MergeAsync(state, incarnation);
            }
            catch (JournalFailedException)
            {
                return; // The node already refuses writes, saying why.
            }

            node.Writes.Open();
            KvLog.Rejoined(logger, node.NodeId, incarnation, source, state.Writes.Count, state.Clock);
            return;
        }
    }

    // The newest incarnation of this node any peer knows: named in its clock, or announced to it. 0: none.
    private int KnownIncarnation(Dictionary<string, StatusResponse> statuses) =>
        statuses.Values.Select(s => Math.Max(Incarnations.HighestIn(s.Clock, node.NodeId), s.Incarnations?.GetValueOrDefault(node.NodeId) ?? 0))
            .DefaultIfEmpty(0)
            .Max();

    private async Task<Dictionary<string, StatusResponse>> AskEveryPeerAsync(CancellationToken stoppingToken)
    {
        var statuses = new Dictionary<string, StatusResponse>(StringComparer.Ordinal);
        await UntilEveryPeerAsync(async (peer, link) =>
        {
            statuses[peer] = await peers.StatusAsync(link, stoppingToken);
            return true;
        }, stoppingToken);
        return statuses;
    }

    // False when a peer already knows an incarnation as new: this one must not be used.
    private async Task<bool> AnnounceToEveryPeerAsync(string incarnation, CancellationToken stoppingToken)
    {
        var accepted = true;
        await UntilEveryPeerAsync(async (_, link) =>
        {
            accepted &= await peers.AnnounceAsync(link, incarnation, stoppingToken);
            return true;
        }, stoppingToken);
        return accepted;
    }

    // From the peer that has delivered the most writes (it usually has what the others have); the next one if it fails.
    private async Task<(string Peer, StateTransfer State)> TakeStateAsync(Dictionary<string, StatusResponse> statuses, CancellationToken stoppingToken)
    {
        var order = links.All.Keys.OrderByDescending(p => statuses.TryGetValue(p, out var s) ? s.Clock.Entries.Sum(e => e.Value) : 0).ToList();
        var backoff = options.Value.Replication.InitialBackoff;
        while (true)
        {
            foreach (var peer in order)
            {
                try
                {
                    return (peer, await peers.StateAsync(links.All[peer], node.Clock, stoppingToken));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && (PeerStateClient.IsTransient(ex) || ex is PeerRefusedException))
                {
                    // Down, or busy writing a snapshot: try the next one.
                }
            }

            await Task.Delay(backoff, time, stoppingToken);
            backoff = options.Value.Replication.NextBackoff(backoff);
        }
    }

    // Runs the step against every peer, again for those that failed, with back-off, until each has succeeded once.
    private async Task UntilEveryPeerAsync(Func<string, PeerLink, Task<bool>> step, CancellationToken stoppingToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var backoff = options.Value.Replication.InitialBackoff;
        while (done.Count < links.All.Count)
        {
            foreach (var (peer, link) in links.All.Where(l => !done.Contains(l.Key)))
            {
                try
                {
                    if (await step(peer, link))
                    {
                        done.Add(peer);
                    }
                }
                catch (PeerRefusedException ex) when (!stoppingToken.IsCancellationRequested)
                {
                    if (refused.Add(peer))
                    {
                        KvLog.PeerRefused(logger, peer, ex.Message); // once per peer; retried with back-off
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && PeerStateClient.IsTransient(ex))
                {
                    // Not up yet: every node of a new cluster starts at once.
                }
            }

            if (done.Count < links.All.Count)
            {
                await Task.Delay(backoff, time, stoppingToken);
                backoff = options.Value.Replication.NextBackoff(backoff);
            }
        }
    }
}
