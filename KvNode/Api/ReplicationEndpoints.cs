using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GridAspire.KvNode.Api;

/// <summary>The internal endpoint peers replicate to: <c>POST /internal/replicate</c>, cluster key required.</summary>
public static class ReplicationEndpoints
{
    /// <summary>Maps the replication endpoint.</summary>
    public static RouteHandlerBuilder MapReplication(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ReplicationProtocol.ReplicatePath, Replicate)
            .AddEndpointFilter(ClusterKeyFilter.Instance)
            .WithMetadata(new RequestSizeLimitMetadata(64L * 1024 * 1024))
            .WithTags("Internal")
            .ExcludeFromDescription();

    private static async Task<Results<Ok<ReplicationAck>, ProblemHttpResult>> Replicate(
        ReplicationBatch? batch, CausalNode node, KvMetrics metrics, ILoggerFactory loggers,
        [FromHeader(Name = ReplicationProtocol.SentAsHeader)] long? sentAs)
    {
        if (ReplicationValidator.Validate(batch, node.NodeId, node.Members, node.OwnWrites) is { } rejection)
        {
            metrics.Rejected(rejection.Category);
            KvLog.RejectedBatch(loggers.CreateLogger(typeof(ReplicationEndpoints)), batch?.From ?? "?", rejection.Detail);
            return TypedResults.Problem(rejection.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid replication batch");
        }

        try
        {
            return TypedResults.Ok(new ReplicationAck(node.NodeId, await node.ReceiveAsync(batch!, sentAs)));
        }
        catch (JournalFailedException ex)
        {
            // Nothing is acknowledged that is not on disk: the sender keeps the batch and re-sends it later.
            return Problems.JournalFailed(ex);
        }
    }
}
