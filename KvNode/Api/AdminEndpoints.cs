using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Api;

/// <summary>Operator endpoints under <c>/admin</c>, guarded by the cluster key.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps <c>POST /admin/snapshot</c> and the membership endpoints (<see cref="MemberEndpoints"/>).</summary>
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").WithTags("Administration").AddEndpointFilter(ClusterKeyFilter.Instance);
        group.MapPost("/snapshot", SnapshotAsync)
            .WithSummary("Compacts the write-ahead log into a snapshot now and answers once it is on disk (a backup point).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapMembers();
        return group;
    }

    private static async Task<Results<Ok<SnapshotWritten>, ProblemHttpResult>> SnapshotAsync(CausalNode node, IOptions<KvOptions> options)
    {
        if (string.IsNullOrEmpty(options.Value.DataDir))
        {
            return TypedResults.Problem(
                "This node keeps nothing on disk (Kv:DataDir is not set).", statusCode: StatusCodes.Status409Conflict, title: "No data directory");
        }

        if (node.SnapshotNow() is not { } written)
        {
            return TypedResults.Problem(
                "A snapshot is being written; try again when it is done.", statusCode: StatusCodes.Status409Conflict, title: "Snapshot in progress");
        }

        try
        {
            return TypedResults.Ok(await written);
        }
        catch (IOException ex)
        {
            return TypedResults.Problem(
                $"The snapshot could not be written: {ex.Message}. The log still holds everything.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Snapshot failed");
        }
    }
}
