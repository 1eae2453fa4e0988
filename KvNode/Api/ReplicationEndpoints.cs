using System.Net.WebSockets;
using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Api;

/// <summary>
/// The internal endpoints between nodes, cluster key required: <c>GET /internal/replicate/stream</c> (a peer's
/// replication stream, a WebSocket), <c>POST /internal/replicate</c> (one batch of a peer's writes),
/// <c>POST /internal/state</c> (the part of this node's state a peer lacks) and <c>POST /internal/incarnation</c>
/// (a peer that started empty says which clock entry it writes under).
/// </summary>
public static class ReplicationEndpoints
{
    /// <summary>Maps the internal endpoints.</summary>
    public static IEndpointRouteBuilder MapReplication(this IEndpointRouteBuilder routes)
    {
        Internal(routes.MapGet(ReplicationProtocol.StreamPath, StreamAsync));
        Internal(routes.MapPost(ReplicationProtocol.ReplicatePath, Replicate));
        Internal(routes.MapPost(ReplicationProtocol.StatePath, State));
        Internal(routes.MapPost(ReplicationProtocol.IncarnationPath, Incarnation));
        Internal(routes.MapMembershipNotices());
        Internal(routes.MapJoins());
        return routes;
    }

    private static void Internal(RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(ClusterKeyFilter.Instance)
            .WithMetadata(new RequestSizeLimitMetadata(64L * 1024 * 1024))
            .WithTags("Internal")
            .ExcludeFromDescription();

    private static async Task<IResult> StreamAsync(
        HttpContext context, string? from, CausalNode node, InboundReplication stream, IHostApplicationLifetime lifetime, IOptions<KvOptions> options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.BadRequest("a replication stream is a WebSocket");
        }

        if (from is null || from == node.NodeId)
        {
            return Problems.BadRequest($"'from' must name a peer of {node.NodeId}");
        }

        if (!node.Members.Contains(from))
        {
            return NotMemberYet(from, node, context.Response);
        }

        var replication = options.Value.Replication;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(
            new WebSocketAcceptContext { KeepAliveInterval = replication.KeepAliveInterval, KeepAliveTimeout = replication.RequestTimeout });
        await using var connection = new PeerConnection(socket);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await stream.RunAsync(connection, from, open.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or System.Text.Json.JsonException)
        {
            // The peer went away, the node stops, or a frame was not a batch: the peer opens a new stream.
        }

        return Results.Empty;
    }

    private static async Task<Results<Ok<ReplicationAck>, ProblemHttpResult>> Replicate(
        ReplicationBatch? batch, CausalNode node, Replicator replicator, KvMetrics metrics, ILoggerFactory loggers,
        [FromHeader(Name = KvHeaders.SentAs)] long? sentAs)
    {
        if ((batch?.Removed is not null || batch?.Joined is not null) && node.Members.Contains(batch.From ?? ""))
        {
            replicator.LearnMembership(batch.Removed, batch.Joined, batch.From!);
        }

        if (replicator.Check(batch) is { } rejection)
        {
            metrics.Rejected(rejection.Category);
            KvLog.RejectedBatch(loggers.CreateLogger(typeof(ReplicationEndpoints)), batch?.From ?? "?", rejection.Detail);
            return TypedResults.Problem(rejection.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid replication batch");
        }

        try
        {
            return TypedResults.Ok(new ReplicationAck(node.NodeId, await replicator.ReceiveAsync(batch!, sentAs ?? batch!.SentAs), Removed: replicator.Removed, Joined: replicator.Joined));
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

        if (node.Membership.IsRemoved(request.From!))
        {
            return TypedResults.Problem(Replicator.RemovedSender(request.From!), statusCode: StatusCodes.Status410Gone, title: "Removed member");
        }

        if (node.Settling)
        {
            // Started on an empty disk and not yet rejoined: its state is not the cluster's, and a peer that took it
            // would rejoin with nothing (wide-area chaos sweep: kv2 took an empty kv3's state).
            ProblemText.RetryAfter(response);
            return TypedResults.Problem(
                "This node is rejoining its peers itself; ask another node.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Rejoining");
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

    private static async Task<Results<NoContent, ProblemHttpResult>> Incarnation(
        IncarnationNotice? notice, CausalNode node, Rejoin rejoin, PeerLinks links, HttpResponse response)
    {
        if (notice?.From is { } sender && node.Membership.IsRemoved(sender))
        {
            return TypedResults.Problem(Replicator.RemovedSender(sender), statusCode: StatusCodes.Status410Gone, title: "Removed member");
        }

        if (notice?.Incarnation is { } announced && Incarnations.MemberOf(announced) == notice.From && notice.From != node.NodeId
            && !node.Membership.IsRemoved(notice.From) && !links.All.ContainsKey(notice.From))
        {
            return NotMemberYet(notice.From, node, response);
        }

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

    // A node that just joined (through another member) is not known here until that member's notice or frame arrives:
    // a short wait, not a misconfiguration, so the sender retries quietly.
    private static ProblemHttpResult NotMemberYet(string from, CausalNode node, HttpResponse response)
    {
        ProblemText.RetryAfter(response);
        return TypedResults.Problem(
            $"{node.NodeId} does not know a member '{from}' (yet): a node that joined through another member is known here once that member tells this one.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unknown member");
    }
}
