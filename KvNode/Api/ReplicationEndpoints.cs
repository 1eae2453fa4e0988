using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GridAspire.KvNode.Api;

/// <summary>
/// The internal endpoints between nodes, cluster key required: <c>POST /internal/replicate</c> (batches of a peer's
/// writes), <c>POST /internal/state</c> (the part of this node's state a peer lacks) and <c>POST /internal/incarnation</c>
/// (a peer that started empty says which clock entry it writes under).
/// </summary>
public static class ReplicationEndpoints
{
    /// <summary>Maps the internal endpoints.</summary>
    public static IEndpointRouteBuilder MapReplication(this IEndpointRouteBuilder routes)
    {
        Internal(routes.MapPost(ReplicationProtocol.ReplicatePath, Replicate));
        Internal(routes.MapPost(ReplicationProtocol.StatePath, State));
        Internal(routes.MapPost(ReplicationProtocol.IncarnationPath, Incarnation));
        return routes;
    }

    private static void Internal(RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(ClusterKeyFilter.Instance)
            .WithMetadata(new RequestSizeLimitMetadata(64L * 1024 * 1024))
            .WithTags("Internal")
            .ExcludeFromDescription();

    private static async Task<Results<Ok<ReplicationAck>, ProblemHttpResult>> Replicate(
        ReplicationBatch? batch, CausalNode node, Replicator replicator, KvMetrics metrics, ILoggerFactory loggers,
        [FromHeader(Name = KvHeaders.SentAs)] long? sentAs)
    {
        // A node that started empty has not yet settled which entry it writes under (it may be rejoining as a new one):
        // until then it cannot tell a peer's claim about its lost writes from a forged one, and takes it as it comes.
        var selfDelivered = node.StartedEmpty && !node.Writes.Ready.IsCompleted ? long.MaxValue : node.Readings.OwnWrites;
        if (ReplicationValidator.Validate(batch, node.NodeId, node.WriterId, node.Members, selfDelivered) is { } rejection)
        {
            metrics.Rejected(rejection.Category);
            KvLog.RejectedBatch(loggers.CreateLogger(typeof(ReplicationEndpoints)), batch?.From ?? "?", rejection.Detail);
            return TypedResults.Problem(rejection.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid replication batch");
        }

        try
        {
            return TypedResults.Ok(new ReplicationAck(node.NodeId, await replicator.ReceiveAsync(batch!, sentAs)));
        }
        catch (JournalFailedException ex)
        {
            // Nothing is acknowledged that is not on disk: the sender keeps the batch and re-sends it later.
            return Problems.JournalFailed(ex);
        }
    }

    private static async Task<Results<Ok<StateTransfer>, ProblemHttpResult>> State(StateRequest? request, CausalNode node, Rejoin rejoin, HttpResponse response)
    {
        if (request?.Known is null || !node.Members.Contains(request.From ?? "") || request.From == node.NodeId
            || request.Known.Nodes.Any(n => !Incarnations.IsEntryOf(n, node.Members)))
        {
            return Problems.BadRequest("a state request needs 'from' (a peer of this node) and 'known' (its delivered clock, naming cluster nodes only)");
        }

        StateTransfer? state;
        try
        {
            state = await rejoin.StateForAsync(request.Known);
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }

        if (state is null)
        {
            ProblemText.RetryAfter(response);
            return TypedResults.Problem(
                "The store is being written to a snapshot; ask again in a second.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "State busy");
        }

        return TypedResults.Ok(state);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Incarnation(IncarnationNotice? notice, CausalNode node, Rejoin rejoin, PeerLinks links)
    {
        if (notice?.Incarnation is not { } incarnation || Incarnations.MemberOf(incarnation) != notice.From
            || Incarnations.NumberOf(incarnation) < 1 || !links.All.TryGetValue(notice.From, out var link))
        {
            return Problems.BadRequest("an incarnation notice needs 'from' (a peer of this node) and 'incarnation' ('from', or 'from.N' with N >= 2)");
        }

        try
        {
            if (!await rejoin.PeerIncarnationAsync(incarnation))
            {
                return TypedResults.Problem(
                    $"{node.NodeId} already knows an incarnation of {notice.From} at least as new as {incarnation}; choose a newer one.",
                    statusCode: StatusCodes.Status409Conflict, title: "Incarnation not new");
            }
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }

        if (Incarnations.ReplacesLostDisk(incarnation))
        {
            link.Restart();
        }

        return TypedResults.NoContent();
    }
}
