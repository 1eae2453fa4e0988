using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Api;

/// <summary>
/// Membership under <c>/admin</c> (cluster key): who the members are, removing one that is gone for good, and leaving.
/// A removal (or departure) is applied and on disk here before the answer, and told to every remaining member at once;
/// one that cannot be told learns it from the next replication frame it exchanges with any member that knows.
/// </summary>
public static class MemberEndpoints
{
    /// <summary>Maps <c>GET /admin/members</c>, <c>DELETE /admin/members/{id}</c> and <c>POST /admin/leave</c> on the admin group.</summary>
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/members", (CausalNode node, PeerLinks links, IOptions<KvOptions> options) => TypedResults.Ok(Describe(node, links, options.Value)))
            .WithSummary("Lists the cluster's members with their state (active, removed) and URL.");
        admin.MapDelete("/members/{id}", RemoveAsync)
            .WithSummary("Removes a member that is gone for good: every member forgets it, its writes that no remaining member holds are lost, logs trim and tombstones are forgotten without it. Its id can never be used again.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapPost("/leave", LeaveAsync)
            .WithSummary("This node leaves the cluster: it refuses client writes (503), waits until every remaining member has all of its writes (at most 'timeout' seconds, default 30), then every member forgets it. Nothing it acknowledged is lost.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return admin;
    }

    /// <summary>Maps <c>POST /internal/members/removed</c>: a member tells this one of removals.</summary>
    public static RouteHandlerBuilder MapRemovalNotices(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ReplicationProtocol.RemovalPath, Told);

    private static async Task<Results<Ok<MembersResponse>, ProblemHttpResult>> RemoveAsync(
        string id, CausalNode node, MembershipChanges membership, PeerLinks links, PeerStateClient peers, IOptions<KvOptions> options,
        ILogger<MembershipChanges> logger, CancellationToken cancellationToken)
    {
        if (!node.Members.Contains(id))
        {
            return TypedResults.Problem(
                $"'{id}' was never a member of this cluster (members: {string.Join(", ", node.Members.Order(StringComparer.Ordinal))}).",
                statusCode: StatusCodes.Status404NotFound, title: "No such member");
        }

        if (id == node.NodeId)
        {
            return TypedResults.Problem(
                $"{id} cannot remove itself: ask another member to remove it.", statusCode: StatusCodes.Status409Conflict, title: "Cannot remove self");
        }

        if (node.Membership.SelfRemoved)
        {
            return TypedResults.Problem(CausalNode.RemovedRefusal, statusCode: StatusCodes.Status409Conflict, title: "Not a member");
        }

        try
        {
            await membership.RemoveAsync(id, "asked here");
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }

        var told = await TellAsync(node, links.All.Values, peers, id, logger, cancellationToken);
        return TypedResults.Ok(Describe(node, links, options.Value) with { Told = told });
    }

    private static async Task<Results<Ok<MembersResponse>, ProblemHttpResult>> LeaveAsync(
        int? timeout, CausalNode node, MembershipChanges membership, PeerLinks links, PeerStateClient peers, IOptions<KvOptions> options,
        ILogger<MembershipChanges> logger, HttpContext http, CancellationToken cancellationToken)
    {
        if (timeout is < 1 or > 3600)
        {
            return Problems.BadRequest("'timeout' is in seconds, 1 to 3600");
        }

        if (node.Membership.SelfRemoved)
        {
            return TypedResults.Problem(CausalNode.RemovedRefusal, statusCode: StatusCodes.Status409Conflict, title: "Not a member");
        }

        if (node.Writes.Refusal is { } refusal)
        {
            return TypedResults.Problem(
                $"{node.NodeId} cannot leave while it refuses writes ({refusal}): it may not hold its own writes yet.",
                statusCode: StatusCodes.Status409Conflict, title: "Not ready to leave");
        }

        // Closed before the drain (not for good: a drain that times out opens it again), and checked again under the lock
        // in the step that removes this node, so no write is accepted that the others would not get.
        var remaining = links.All.Values.ToList();
        node.Writes.Close($"{node.NodeId} is leaving the cluster; write to another member");
        var limit = TimeSpan.FromSeconds(timeout ?? 30);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            while (true)
            {
                var progress = Task.WhenAny(remaining.Select(l => l.Acknowledged.Next).Append(membership.Changed.Next));
                if (await membership.TryLeaveAsync())
                {
                    break;
                }

                await progress.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            var lacking = string.Join(", ", membership.Lacking().Select(l => $"{l.Key} lacks {l.Value}"));
            node.Writes.Open();
            KvLog.LeaveTimedOut(logger, node.NodeId, limit, lacking);
            ProblemText.RetryAfter(http.Response);
            return TypedResults.Problem(
                $"Members still lack some of {node.NodeId}'s writes after {limit.TotalSeconds:0} s ({lacking}); leaving now would lose them. " +
                "A member that is down for good can be removed first (DELETE /admin/members/{id} at another member). The node takes writes again.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Members still need this node's writes");
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }

        var told = await TellAsync(node, remaining, peers, node.NodeId, logger, cancellationToken);
        return TypedResults.Ok(Describe(node, links, options.Value) with { Told = told });
    }

    // Told in parallel, each within the replication request timeout: a member that is down costs one timeout, not a hang.
    private static async Task<Dictionary<string, string>> TellAsync(
        CausalNode node, IEnumerable<PeerLink> members, PeerStateClient peers, string changed, ILogger logger, CancellationToken cancellationToken)
    {
        var removed = node.Membership.RemovedList ?? [];
        var answers = await Task.WhenAll(members.Select(async link =>
        {
            try
            {
                await peers.TellRemovedAsync(link, removed, cancellationToken);
                return (link.PeerId, Answer: "told");
            }
            catch (Exception ex) when (PeerStateClient.IsTransient(ex) || ex is PeerRefusedException)
            {
                KvLog.RemovalNotDelivered(logger, link.PeerId, changed, ex.Message);
                return (link.PeerId, Answer: $"not told ({ex.Message}); it learns on its next replication exchange");
            }
        }));
        return answers.ToDictionary(a => a.PeerId, a => a.Answer, StringComparer.Ordinal);
    }

    private static Results<NoContent, ProblemHttpResult> Told(RemovalNotice? notice, CausalNode node, MembershipChanges membership)
    {
        if (notice?.Removed is null || notice.From is null || !node.Members.Contains(notice.From) || notice.From == node.NodeId)
        {
            return Problems.BadRequest("a removal notice needs 'from' (a member of this cluster) and 'removed'");
        }

        if (node.Membership.IsRemoved(notice.From) && !notice.Removed.Contains(notice.From))
        {
            return TypedResults.Problem(Replicator.RemovedSender(notice.From), statusCode: StatusCodes.Status410Gone, title: "Removed member");
        }

        membership.Learn(notice.Removed, notice.From);
        return TypedResults.NoContent();
    }

    private static MembersResponse Describe(CausalNode node, PeerLinks links, KvOptions options)
    {
        var active = links.All;
        var members = node.Members.Order(StringComparer.Ordinal).Select(id => new MemberView(
            id,
            options.Peers.GetValueOrDefault(id),
            node.Membership.IsRemoved(id) ? "removed" : "active",
            id == node.NodeId,
            id != node.NodeId && active.TryGetValue(id, out var link) ? link.Reachable : null));
        return new MembersResponse(node.NodeId, [.. members]);
    }
}
