using System.Diagnostics;
using System.Text;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Sessions;
using GridAspire.KvNode.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.KvNode.Api;

/// <summary>
/// <c>POST /batch/read</c>: several keys read together, from one causally consistent cut, under the client's causal
/// context like a single read. Where single reads of an access list and then an album may see the album's new photo
/// with the list from before it was changed, a batch read of both cannot. <c>POST /batch/write</c>: several keys
/// written and deleted as one write, which every node makes visible whole or not at all.
/// </summary>
public static class BatchEndpoints
{
    // 100 keys of 256 bytes, JSON-escaped at worst six-fold, fit well within this.
    private const long MaxBodyBytes = 256 * 1024;

    // 8 MiB of values, JSON-escaped at worst six-fold, and their keys.
    private const long MaxWriteBodyBytes = 6L * KvInput.MaxBatchValueBytes + MaxBodyBytes;

    /// <summary>Maps the multi-key endpoints.</summary>
    public static RouteGroupBuilder MapBatchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/batch").WithTags("Key-value").AddEndpointFilter<CausalContextFilter>();
        group.MapPost("/read", Read).WithMetadata(new RequestSizeLimitMetadata(MaxBodyBytes)).WithName("ReadKeys")
            .WithSummary("Reads several keys from one causally consistent cut of this node (values null where absent or deleted).")
            .WithDescription(
                "No value in the answer is missing a write it depends on, as far as the keys read go. At most " +
                $"{KvInput.MaxBatchKeys} keys, none twice, and {KvInput.MaxBatchValueBytes / (1024 * 1024)} MiB of values. " +
                "Send and keep X-Causal-Context as for a single read.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/write", Write).WithMetadata(new RequestSizeLimitMetadata(MaxWriteBodyBytes)).WithName("WriteKeys")
            .WithSummary("Writes and deletes several keys as one write: every node shows all of it or none of it.")
            .WithDescription(
                "The keys share one clock (one position in causal order), one replicated message and one journal record, so " +
                "no read, single or batch, on any node, ever sees some of them without the others, and a crash keeps all or none. " +
                "Concurrent batches to the same keys are resolved as a whole (last writer wins, by one timestamp). At most " +
                $"{KvInput.MaxBatchKeys} keys, none twice, and {KvInput.MaxBatchValueBytes / (1024 * 1024)} MiB of values. " +
                "Send and keep X-Causal-Context as for a single write.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Ok<KvBatchReadResult>, ProblemHttpResult>> Read(
        KvBatchReadRequest? request, CausalNode node, KvMetrics metrics, HttpContext http)
    {
        if (KvInput.ValidateKeys(request?.Keys) is { } error)
        {
            return Problems.BadRequest(error);
        }

        var keys = request!.Keys!;
        (StoredVersion?[] Versions, VectorClock Cut) read;
        try
        {
            read = await node.ReadManyAsync(keys);
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }

        var bytes = read.Versions.Sum(v => v?.Value is { } value ? Encoding.UTF8.GetByteCount(value) : 0);
        if (bytes > KvInput.MaxBatchValueBytes)
        {
            return Problems.BadRequest(
                $"the values of these keys total {bytes} bytes, more than the {KvInput.MaxBatchValueBytes} bytes one batch may carry; read fewer keys at once");
        }

        var session = http.Features.GetRequiredFeature<CausalSession>();
        var values = new Dictionary<string, string?>(keys.Count, StringComparer.Ordinal);
        var versions = new Dictionary<string, KvItem>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            values[keys[i]] = read.Versions[i] is { IsTombstone: false } live ? live.Value : null;
            if (read.Versions[i] is { } version)
            {
                versions[keys[i]] = version.ToItem(node.NodeId);
                session.Observe(version.Clock); // deletes too: a later read must not resurrect the key
            }
        }

        metrics.Batch("read", keys.Count);
        return TypedResults.Ok(new KvBatchReadResult(values, versions, node.NodeId, read.Cut));
    }

    // The answer (and the token in it) leaves only once the write is on disk at this node.
    private static async Task<Results<Ok<KvBatchWriteResult>, ProblemHttpResult>> Write(
        KvBatchWriteRequest? request, CausalNode node, KvMetrics metrics, HttpContext http)
    {
        var (changes, error) = KvInput.ValidateChanges(request?.Put, request?.Delete);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (node.Writes.Refusal is { } refusal)
        {
            return Problems.WritesRefused(refusal, http);
        }

        StoredVersion[] stored;
        try
        {
            stored = changes!.Count == 1
                ? [await node.WriteAsync(changes[0].Key, changes[0].Value, Activity.Current?.Id)]
                : await node.WriteManyAsync(changes, Activity.Current?.Id);
        }
        catch (JournalFailedException ex)
        {
            return Problems.JournalFailed(ex);
        }
        catch (WritesClosedException ex)
        {
            return Problems.WritesRefused(ex.Message, http);
        }

        var clock = stored[0].Clock;
        http.Features.GetRequiredFeature<CausalSession>().Observe(clock);
        metrics.Batch("write", stored.Length);
        return TypedResults.Ok(new KvBatchWriteResult(
            stored.ToDictionary(v => v.Key, v => v.ToItem(node.NodeId), StringComparer.Ordinal), node.NodeId, clock));
    }
}
