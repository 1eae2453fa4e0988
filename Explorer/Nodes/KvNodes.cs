using System.Net.Http.Headers;
using GridAspire.Explorer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Nodes;

/// <summary>
/// The page's calls to the KV nodes, made by the explorer so that the cluster key never reaches the browser: reads
/// and writes with the session's causal context, the node's status, and holding or releasing a link (the nodes'
/// fault injection, on in the AppHost). Each call is bounded by <see cref="ExplorerOptions.NodeTimeout"/>.
/// </summary>
public sealed class KvNodes(HttpClient http, IOptions<ExplorerOptions> options)
{
    /// <summary>The header that carries a session's causal context, both ways.</summary>
    public const string ContextHeader = "X-Causal-Context";

    /// <summary>True when <paramref name="node"/> is one of the configured nodes.</summary>
    public bool Knows(string node) => options.Value.Nodes.ContainsKey(node);

    /// <summary><c>GET /status</c> of the node.</summary>
    public Task<HttpResponseMessage> StatusAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Get, "/status", null, null, admin: false, cancellationToken);

    /// <summary>Reads <paramref name="key"/> with the session's <paramref name="context"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string node, string key, string? context, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Get, KeyPath(key), null, context, admin: false, cancellationToken);

    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> with the session's <paramref name="context"/>.</summary>
    public Task<HttpResponseMessage> PutAsync(string node, string key, string value, string? context, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Put, KeyPath(key), JsonContent.Create(new ValueBody(value)), context, admin: false, cancellationToken);

    /// <summary>Holds (queues everything) or releases the node's outgoing link to <paramref name="peer"/>.</summary>
    public Task<HttpResponseMessage> SetLinkAsync(string node, string peer, bool held, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Post, $"/admin/links/{Uri.EscapeDataString(peer)}/{(held ? "hold" : "release")}", null, null, admin: true, cancellationToken);

    private static string KeyPath(string key) => "/kv/" + Uri.EscapeDataString(key);

    private async Task<HttpResponseMessage> SendAsync(
        string node, HttpMethod method, string path, HttpContent? content, string? context, bool admin, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.Value.Nodes[node], path)) { Content = content };
        if (admin)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ClusterKey);
        }

        if (!string.IsNullOrEmpty(context))
        {
            request.Headers.TryAddWithoutValidation(ContextHeader, context);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.NodeTimeout);
        try
        {
            // Buffered: the answer is read within the same bounded wait.
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeUnavailableException(node, $"did not answer within {options.Value.NodeTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new NodeUnavailableException(node, ex.Message);
        }
    }

    private sealed record ValueBody(string Value);
}
