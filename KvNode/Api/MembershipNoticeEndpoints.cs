using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.KvNode.Api;

/// <summary>
/// The internal membership endpoints (cluster key): <c>POST /internal/members/join</c> (a new node asks to be added) and
/// <c>POST /internal/members/notice</c> (a member tells this one of changes made there).
/// </summary>
public static class MembershipNoticeEndpoints
{
    /// <summary>Maps <c>POST /internal/members/notice</c>.</summary>
    public static RouteHandlerBuilder MapMembershipNotices(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ReplicationProtocol.MembershipPath, Told);

    /// <summary>Maps <c>POST /internal/members/join</c>.</summary>
    public static RouteHandlerBuilder MapJoins(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ReplicationProtocol.JoinPath, JoinAsync);

    private static Results<NoContent, ProblemHttpResult> Told(MembershipNotice? notice, CausalNode node, MembershipChanges membership)
    {
        if (notice?.From is null || (notice.Removed is null && notice.Joined is null) || notice.From == node.NodeId
            || !(node.Members.Contains(notice.From) || notice.Joined?.ContainsKey(notice.From) == true))
        {
            return Problems.BadRequest("a membership notice needs 'from' (a member of this cluster) and 'removed' or 'joined'");
        }

        if (node.Membership.IsRemoved(notice.From) && notice.Removed?.Contains(notice.From) != true)
        {
            return TypedResults.Problem(Replicator.RemovedSender(notice.From), statusCode: StatusCodes.Status410Gone, title: "Removed member");
        }

        membership.Learn(notice.Removed, notice.Joined, notice.From);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<JoinAnswer>, ProblemHttpResult>> JoinAsync(
        JoinRequest? request, CausalNode node, MembershipChanges membership, PeerLinks links, PeerStateClient peers,
        ILogger<MembershipChanges> logger, CancellationToken cancellationToken)
    {
        if (request?.Id is not { } id || request.Url is not { } url || !MembershipChanges.IsJoinable(id, url))
        {
            return Problems.BadRequest("a join needs 'id' (1-32 of [a-z0-9-]) and 'url' (an absolute http(s) URL where the members reach it)");
        }

        if (node.Membership.SelfRemoved)
        {
            return TypedResults.Problem(CausalNode.RemovedRefusal, statusCode: StatusCodes.Status409Conflict, title: "Not a member");
        }

        if (node.Membership.IsRemoved(id))
        {
            return TypedResults.Problem(
                $"{id} was removed from this cluster, and an id is never used twice: start the new node with another Kv:NodeId.",
                statusCode: StatusCodes.Status410Gone, title: "Id was removed");
        }

        if (node.Members.Contains(id))
        {
            if (node.Membership.Addresses.GetValueOrDefault(id) != url)
            {
                return TypedResults.Problem(
                    $"{id} is already a member of this cluster (at {node.Membership.Addresses.GetValueOrDefault(id)}): choose a new Kv:NodeId for a new node.",
                    statusCode: StatusCodes.Status409Conflict, title: "Id in use");
            }

            // The same node asking again (its answer was lost, or it restarted before it took the members): answered again.
        }
        else
        {
            try
            {
                await membership.JoinAsync(id, url, $"asked by {id}");
            }
            catch (JournalFailedException ex)
            {
                return Problems.JournalFailed(ex);
            }

            await MembershipTelling.TellAsync(node, links.All.Values.Where(l => l.PeerId != id), peers, id, logger, cancellationToken);
        }

        var members = node.Membership.Addresses.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
        return TypedResults.Ok(new JoinAnswer(node.NodeId, members, node.Membership.RemovedList ?? []));
    }
}
