using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAspire.Contracts.Kv;

namespace GridAspire.KvClient.Client;

/// <summary>
/// The typed HTTP client of a KV node's API, the one every project uses (the command-line client and its scenarios,
/// the causality explorer, the load tester, the chaos harness). Stateless: each call names the node and carries the
/// caller's causal context, and its result carries the context the node returned (<see cref="KvSession"/> keeps it
/// for a session). Administration (fault injection) presents the cluster key.
/// </summary>
public sealed class KvNodeClient(HttpClient http, string? clusterKey = null)
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> PutAsync(Uri node, string key, string value, string? context, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, node, KeyPath(key), JsonContent.Create(new KvWriteRequest(value)), context, key, cancellationToken);

    /// <summary>Reads <paramref name="key"/> at <paramref name="node"/>; a 404 for a deleted key carries the tombstone as the item.</summary>
    public Task<KvResult> GetAsync(Uri node, string key, string? context, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, node, KeyPath(key), content: null, context, key, cancellationToken);

    /// <summary>Deletes <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> DeleteAsync(Uri node, string key, string? context, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, node, KeyPath(key), content: null, context, key, cancellationToken);

    /// <summary>
    /// Reads <paramref name="keys"/> together at <paramref name="node"/>, from one causally consistent cut
    /// (<c>POST /batch/read</c>): the answer is in <see cref="KvResult.Batch"/>.
    /// </summary>
    public Task<KvResult> ReadManyAsync(Uri node, IReadOnlyList<string> keys, string? context, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post, node, "/batch/read", JsonContent.Create(new KvBatchReadRequest(keys)), context, key: null, cancellationToken,
            success: (result, body) => result with { Batch = JsonSerializer.Deserialize<KvBatchReadResult>(body, Json) });

    /// <summary>
    /// Writes <paramref name="put"/> and deletes <paramref name="delete"/> at <paramref name="node"/> as one write
    /// (<c>POST /batch/write</c>): every node shows all of it or none of it. The answer is in <see cref="KvResult.Written"/>.
    /// </summary>
    public Task<KvResult> WriteManyAsync(
        Uri node, IReadOnlyDictionary<string, string?> put, IReadOnlyList<string> delete, string? context, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post, node, "/batch/write", JsonContent.Create(new KvBatchWriteRequest(put, delete)), context, key: null, cancellationToken,
            success: (result, body) => result with { Written = JsonSerializer.Deserialize<KvBatchWriteResult>(body, Json) });

    /// <summary>A node's <c>/status</c> (no causal context involved).</summary>
    public async Task<StatusResponse> StatusAsync(Uri node, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<StatusResponse>(new Uri(node, "/status"), cancellationToken)
        ?? throw new InvalidOperationException($"{node} returned an empty status.");

    /// <summary>Holds (queues everything <paramref name="node"/> sends to <paramref name="peer"/>) or releases the link.</summary>
    public Task<KvResult> SetLinkHeldAsync(Uri node, string peer, bool held, CancellationToken cancellationToken = default) =>
        AdminAsync(HttpMethod.Post, node, $"/admin/links/{Uri.EscapeDataString(peer)}/{(held ? "hold" : "release")}", null, cancellationToken);

    /// <summary>Sets the delays, losses and reordering of <paramref name="node"/>'s link to <paramref name="peer"/>.</summary>
    public Task<KvResult> ConfigureLinkAsync(Uri node, string peer, LinkFaultSettings faults, CancellationToken cancellationToken = default) =>
        AdminAsync(HttpMethod.Put, node, $"/admin/links/{Uri.EscapeDataString(peer)}", JsonContent.Create(faults), cancellationToken);

    /// <summary>Stalls (every journal write waits) or resumes <paramref name="node"/>'s disk.</summary>
    public Task<KvResult> SetDiskStalledAsync(Uri node, bool stalled, CancellationToken cancellationToken = default) =>
        AdminAsync(HttpMethod.Post, node, stalled ? "/admin/disk/stall" : "/admin/disk/resume", null, cancellationToken);

    private static string KeyPath(string key) => "/kv/" + Uri.EscapeDataString(key);

    private Task<KvResult> AdminAsync(HttpMethod method, Uri node, string path, HttpContent? content, CancellationToken cancellationToken) =>
        SendAsync(method, node, path, content, context: null, key: null, cancellationToken, admin: true);

    private async Task<KvResult> SendAsync(
        HttpMethod method, Uri node, string path, HttpContent? content, string? context, string? key, CancellationToken cancellationToken, bool admin = false,
        Func<KvResult, string, KvResult>? success = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(node, path)) { Content = content };
        if (context is not null)
        {
            request.Headers.TryAddWithoutValidation(KvHeaders.CausalContext, context);
        }

        if (admin)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clusterKey);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var returned = response.Headers.TryGetValues(KvHeaders.CausalContext, out var tokens) ? tokens.First() : null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var result = new KvResult(response.StatusCode, key is null || body.Length == 0 ? null : JsonSerializer.Deserialize<KvItem>(body, Json), null, returned);
            return success is null ? result : success(result, body);
        }

        var tombstone = response.StatusCode == HttpStatusCode.NotFound && key is not null ? Tombstone(key, body) : null;
        return new KvResult(response.StatusCode, tombstone, ProblemDetail(body), returned);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A 404 for a deleted key names the delete (origin and clock), so a reader can tell which write it observed.
    private static KvItem? Tombstone(string key, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("origin", out var origin) && origin.ValueKind == JsonValueKind.String
                && root.TryGetProperty("clock", out var clock) && clock.ValueKind == JsonValueKind.Object)
            {
                var node = root.TryGetProperty("node", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                return new KvItem(key, null, clock.Deserialize<VectorClock>(Json)!, node, origin.GetString()!, Deleted: true, SupersededConcurrent: false);
            }
        }
        catch (JsonException)
        {
            // Not a problem document of ours: no tombstone to report.
        }

        return null;
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
