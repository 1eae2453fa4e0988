using System.Diagnostics;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Sessions;
using GridAspire.KvNode.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.KvNode.Api;

/// <summary>The public key-value API: <c>PUT|GET|DELETE /kv/{key}</c>, each under the client's causal context.</summary>
public static class KvEndpoints
{
    private const string ContextNote =
        "Send the X-Causal-Context token from your previous response (any node's) and keep the one returned: the node " +
        "serves the request only once it has delivered everything the token covers, or answers 409 after Kv:ContextWaitTimeout.";

    // JSON escaping can grow a 1 MiB value up to six-fold; anything larger is refused before it is read.
    private const long MaxBodyBytes = 8L * KvInput.MaxValueBytes;

    /// <summary>Maps the key-value endpoints.</summary>
    public static RouteGroupBuilder MapKvApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/kv").WithTags("Key-value").AddEndpointFilter<CausalContextFilter>();
        group.MapPut("/{key}", Put).WithMetadata(new RequestSizeLimitMetadata(MaxBodyBytes)).WithName("PutKey")
            .Documented("Writes a value; the node ticks its clock entry and replicates the write to every peer.",
                StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{key}", Get).WithName("GetKey")
            .Documented("Reads a key as this node has delivered it; 404 names the delete when the key was deleted.",
                StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{key}", Delete).WithName("DeleteKey")
            .Documented("Deletes a key (a tombstone, replicated and ordered like any write).",
                StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static Task<Results<Ok<KvItem>, ProblemHttpResult>> Put(
        string key, KvWriteRequest? request, CausalNode node, HttpContext http) =>
        (KvInput.ValidateKey(key) ?? KvInput.ValidateValue(request?.Value)) is { } error
            ? Task.FromResult<Results<Ok<KvItem>, ProblemHttpResult>>(Problems.BadRequest(error))
            : WriteAsync(key, request!.Value, node, http);

    private static Task<Results<Ok<KvItem>, ProblemHttpResult>> Delete(string key, CausalNode node, HttpContext http) =>
        KvInput.ValidateKey(key) is { } error
            ? Task.FromResult<Results<Ok<KvItem>, ProblemHttpResult>>(Problems.BadRequest(error))
            : WriteAsync(key, value: null, node, http);

    // The answer (and the token in it) leaves only once the write is on disk at this node.
    private static async Task<Results<Ok<KvItem>, ProblemHttpResult>> WriteAsync(
        string key, string? value, CausalNode node, HttpContext http)
    {
        if (node.Writes.Refusal is { } refusal)
        {
            return Problems.WritesRefused(refusal, http);
        }

        try
        {
            var stored = await node.WriteAsync(key, value, Activity.Current?.Id);
            http.Features.GetRequiredFeature<CausalSession>().Observe(stored.Clock);
            return TypedResults.Ok(stored.ToItem(node.NodeId));
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }
        catch (WritesClosedException ex)
        {
            return Problems.WritesRefused(ex.Message, http);
        }
    }

    private static async Task<Results<Ok<KvItem>, ProblemHttpResult>> Get(string key, CausalNode node, HttpContext http)
    {
        if (KvInput.ValidateKey(key) is { } error)
        {
            return Problems.BadRequest(error);
        }

        StoredVersion? version;
        try
        {
            version = await node.ReadAsync(key);
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }

        if (version is { } seen)
        {
            // A tombstone is something the client has now seen, too: a later read must not resurrect the key.
            http.Features.GetRequiredFeature<CausalSession>().Observe(seen.Clock);
            if (!seen.IsTombstone)
            {
                return TypedResults.Ok(seen.ToItem(node.NodeId));
            }
        }

        // Naming the delete that removed the key lets a client (and the chaos checker) tell which write it observed.
        var deletedBy = version is not { } tombstone
            ? null
            : new Dictionary<string, object?> { ["origin"] = tombstone.Write.Origin, ["clock"] = tombstone.Clock, ["node"] = node.NodeId };
        return TypedResults.Problem(
            version is null ? $"Key '{key}' does not exist at {node.NodeId}." : $"Key '{key}' was deleted.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Key not found",
            extensions: deletedBy);
    }

    // Every key endpoint shares the causal-context note; each lists the problems it can answer.
    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint, string summary, params int[] problems)
    {
        endpoint.WithSummary(summary).WithDescription(ContextNote);
        foreach (var status in problems)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }
}
