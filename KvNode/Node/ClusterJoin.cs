using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Makes a node started with <c>Kv:Join</c> (and no members known) a member: the member it names adds it, durably, tells
/// the others, and answers with the whole membership, which this node keeps on disk. From there it starts like any new
/// member (<see cref="OwnSequenceGuard"/>): once every member knows it, it takes a member's state, and only then takes
/// writes. A cluster that refuses it (its id is in use, or was removed) gets a clear log line and a node that never
/// takes writes.
/// </summary>
public sealed class ClusterJoin(
    CausalNode node,
    MembershipChanges membership,
    PeerLinks links,
    PeerStateClient peers,
    IOptions<KvOptions> options,
    TimeProvider time,
    ILogger<ClusterJoin> logger)
{
    /// <summary>
    /// True when this node must join first: it was started with <c>Kv:Join</c> (or joins through its listed peers) and
    /// knows no other member yet.
    /// </summary>
    public bool Needed => options.Value.JoinSeeds.Count > 0 && node.Membership.Peers.Count == 0 && !node.Membership.SelfRemoved;

    /// <summary>
    /// Joins through the first of <see cref="KvOptions.JoinSeeds"/> that answers, asking again while none can be
    /// reached; false when the cluster refuses this node.
    /// </summary>
    public async Task<bool> JoinAsync(CancellationToken stoppingToken)
    {
        var kv = options.Value;
        var seeds = kv.JoinSeeds;
        node.Writes.Close($"it is joining the cluster through {string.Join(" or ", seeds)}");
        var backoff = kv.Replication.InitialBackoff;
        JoinAnswer answer;
        Uri seed;
        for (var attempt = 0; ; attempt++)
        {
            seed = seeds[attempt % seeds.Count];
            try
            {
                answer = await peers.JoinAsync(seed, kv.AdvertisedUrl!, stoppingToken);
                break;
            }
            catch (PeerRefusedException ex)
            {
                KvLog.JoinRefused(logger, node.NodeId, seed, ex.Message);
                node.Writes.CloseForGood($"the cluster refused to add it: {ex.Message}");
                return false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && PeerStateClient.IsTransient(ex))
            {
                if ((attempt + 1) % seeds.Count == 0)
                {
                    await Task.Delay(backoff, time, stoppingToken); // none is up yet, or all are busy: ask again
                    backoff = kv.Replication.NextBackoff(backoff);
                }
            }
        }

        var members = answer.Members.Where(m => m.Key != node.NodeId).ToDictionary(StringComparer.Ordinal);
        members.TryAdd(answer.From, seed);
        await membership.JoinAllAsync(members, $"joined through {answer.From}");
        membership.Learn(answer.Removed, null, answer.From);
        links.Sync();
        KvLog.JoinedCluster(logger, node.NodeId, answer.From, members.Count);
        return true;
    }
}
