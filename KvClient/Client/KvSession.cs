using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAspire.KvClient.Client;

/// <summary>
/// One client session against any node of the cluster. It keeps the causal-context token every node returns
/// and sends it with each call, which is what gives the session read-your-writes, monotonic reads, monotonic
/// writes and writes-follow-reads even when it switches nodes.
/// </summary>
public sealed class KvSession(HttpClient http, string? clusterKey = null, string? token = null)
{
    /// <summary>The header carrying the causal context.</summary>
    public const string ContextHeader = "X-Causal-Context";

    /// <summary>The opaque causal context; null before the first call.</summary>
    public string? Token { get; private set; } = token;

    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> PutAsync(Uri node, string key, string value, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, node, key, JsonContent.Create(new { value }), cancellationToken);

    /// <summary>Reads <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> GetAsync(Uri node, string key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, node, key, content: null, cancellationToken);

    /// <summary>Deletes <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> DeleteAsync(Uri node, string key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, node, key, content: null, cancellationToken);

    /// <summary>Reads a node's status (no session context involved).</summary>
    public async Task<NodeStatus> StatusAsync(Uri node, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<NodeStatus>(new Uri(node, "/status"), cancellationToken)
        ?? throw new InvalidOperationException($"{node} returned an empty status.");

    /// <summary>Holds (queues) everything <paramref name="node"/> sends to <paramref name="peer"/>. Needs the cluster key.</summary>
    public Task HoldAsync(Uri node, string peer, CancellationToken cancellationToken = default) =>
        AdminAsync(node, $"/admin/links/{peer}/hold", cancellationToken);

    /// <summary>Releases a held link.</summary>
    public Task ReleaseAsync(Uri node, string peer, CancellationToken cancellationToken = default) =>
        AdminAsync(node, $"/admin/links/{peer}/release", cancellationToken);

    private async Task<KvResult> SendAsync(
        HttpMethod method, Uri node, string key, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(node, "/kv/" + Uri.EscapeDataString(key))) { Content = content };
        if (Token is not null)
        {
            request.Headers.Add(ContextHeader, Token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues(ContextHeader, out var tokens))
        {
            Token = tokens.First();
        }

        if (response.IsSuccessStatusCode)
        {
            return new KvResult(response.StatusCode, await response.Content.ReadFromJsonAsync<KvItem>(cancellationToken), null);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var tombstone = response.StatusCode == System.Net.HttpStatusCode.NotFound ? Tombstone(key, body) : null;
        return new KvResult(response.StatusCode, tombstone, ProblemDetail(body));
    }

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
                return new KvItem(key, null, clock.Deserialize<Dictionary<string, long>>()!, node, origin.GetString()!, Deleted: true, SupersededConcurrent: false);
            }
        }
        catch (JsonException)
        {
            // Not a problem document of ours: no tombstone to report.
        }

        return null;
    }

    private async Task AdminAsync(Uri node, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clusterKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{path} at {node}: {(int)response.StatusCode} {await ProblemDetailAsync(response, cancellationToken)}");
        }
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ProblemDetail(await response.Content.ReadAsStringAsync(cancellationToken));

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
