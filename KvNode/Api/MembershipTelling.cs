using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Api;

/// <summary>Tells members of a membership change made here, so they need not wait for the next replication frame.</summary>
internal static class MembershipTelling
{
    /// <summary>
    /// Tells each of <paramref name="members"/> every change this node knows of, in parallel, each within the replication
    /// request timeout (a member that is down costs one timeout, not a hang). Returns what each answered.
    /// </summary>
    public static async Task<Dictionary<string, string>> TellAsync(
        CausalNode node, IEnumerable<PeerLink> members, PeerStateClient peers, string changed, ILogger logger, CancellationToken cancellationToken)
    {
        var notice = new MembershipNotice(node.NodeId, node.Membership.RemovedList, node.Membership.Joined);
        var answers = await Task.WhenAll(members.Select(async link =>
        {
            try
            {
                await peers.TellMembershipAsync(link, notice, cancellationToken);
                return (link.PeerId, Answer: "told");
            }
            catch (Exception ex) when (PeerStateClient.IsTransient(ex) || ex is PeerRefusedException)
            {
                KvLog.MembershipNotDelivered(logger, link.PeerId, changed, ex.Message);
                return (link.PeerId, Answer: $"not told ({ex.Message}); it learns on its next replication exchange");
            }
        }));
        return answers.ToDictionary(a => a.PeerId, a => a.Answer, StringComparer.Ordinal);
    }
}
