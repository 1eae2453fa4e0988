using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;

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
        admin.MapGet("/members", (CausalNode node, MembershipChanges membership, PeerLinks links) => TypedResults.Ok(Describe(node, membership, links)))
            .WithSummary("Lists the cluster's members with their state (joining, active, leaving, removed) and URL.");
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

    private static async Task<Results<Ok<MembersResponse>, ProblemHttpResult>> RemoveAsync(
        string id, CausalNode node, MembershipChanges membership, PeerLinks links, PeerStateClient peers,
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
                $"{id} cannot remove itself: to take it out with every write it holds, POST /admin/leave on it; if it is gone for good, ask another member.", statusCode: StatusCodes.Status409Conflict, title: "Cannot remove self");
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

        var told = await MembershipTelling.TellAsync(node, links.All.Values, peers, id, logger, cancellationToken);
        return TypedResults.Ok(Describe(node, membership, links) with { Told = told });
    }

    private static async Task<Results<Ok<MembersResponse>, ProblemHttpResult>> LeaveAsync(
        int? timeout, CausalNode node, MembershipChanges membership, PeerLinks links, PeerStateClient peers,
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
        var leaving = $"{node.NodeId} is leaving the cluster; write to another member";
        membership.Leaving = true;
        node.Writes.Close(leaving);
        var limit = TimeSpan.FromSeconds(timeout ?? 30);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var left = false;
        try
        {
            while (true)
            {
                var progress = Task.WhenAny(remaining.Select(l => l.Acknowledged.Next).Append(membership.Changed.Next));
                if (await membership.TryLeaveAsync())
                {
                    left = true;
                    break;
                }

                await progress.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            var lacking = string.Join(", ", membership.Lacking().Select(l => $"{l.Key} lacks {l.Value}"));
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
        finally
        {
            if (!left)
            {
                // Whatever stopped it (the deadline, the caller gone, a failure), the node is a member again: it takes
                // writes unless something else closed them meanwhile (a failed disk says so in the gate instead).
                membership.Leaving = false;
                if (node.Writes.Refusal == leaving)
                {
                    node.Writes.Open();
                }
            }
        }

        var told = await MembershipTelling.TellAsync(node, remaining, peers, node.NodeId, logger, cancellationToken);
        return TypedResults.Ok(Describe(node, membership, links) with { Told = told });
    }

    private static MembersResponse Describe(CausalNode node, MembershipChanges membership, PeerLinks links)
    {
        var active = links.All;
        var addresses = node.Membership.Addresses;
        var members = node.Members.Order(StringComparer.Ordinal).Select(id => new MemberView(
            id,
            addresses.GetValueOrDefault(id),
            StateOf(node, membership, id),
            id == node.NodeId,
            id != node.NodeId && active.TryGetValue(id, out var link) ? link.Reachable : null));
        return new MembersResponse(node.NodeId, [.. members]);
    }

    // This node says how far it is: joining until it holds the cluster's state, leaving while it hands its writes on.
    private static string StateOf(CausalNode node, MembershipChanges membership, string id) =>
        node.Membership.IsRemoved(id) ? "removed"
        : id != node.NodeId ? "active"
        : membership.Leaving ? "leaving"
        : !node.Writes.Ready.IsCompleted ? "joining"
        : "active";
}
