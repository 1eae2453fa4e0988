using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Collection;
using GridAspire.Explorer.Configuration;
using GridAspire.KvClient.Client;
using GridAspire.KvClient.Scenario;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Nodes;

/// <summary>
/// The page's calls to the KV nodes, through the typed KV client, made by the explorer so that the cluster key never
/// reaches the browser: reads and writes with the session's causal context, the node's status, holding or releasing a
/// link (the nodes' fault injection, on in the AppHost) and the scenarios' steps. Each call is bounded by
/// <see cref="ExplorerOptions.NodeTimeout"/>; a node that does not answer in time is a <see cref="NodeUnavailableException"/>.
/// </summary>
public sealed class KvNodes(HttpClient http, NodeConnections nodes, IOptions<ExplorerOptions> options)
{
    private readonly KvNodeClient _client = new(http, options.Value.ClusterKey);
    private readonly ExplorerOptions _options = options.Value;

    /// <summary>The watched node ids, in order (configured, and joined since).</summary>
    public IReadOnlyList<string> Ids => [.. nodes.All.Select(n => n.Node)];

    /// <summary>True when <paramref name="node"/> is one of the watched nodes.</summary>
    public bool Knows(string node) => nodes.AddressOf(node) is not null;

    /// <summary><c>GET /status</c> of the node.</summary>
    public Task<StatusResponse> StatusAsync(string node, CancellationToken cancellationToken) =>
        BoundedAsync(node, t => _client.StatusAsync(Address(node), t), cancellationToken);

    /// <summary>Reads <paramref name="key"/> with the session's <paramref name="context"/>.</summary>
    public Task<KvResult> GetAsync(string node, string key, string? context, CancellationToken cancellationToken) =>
        BoundedAsync(node, t => _client.GetAsync(Address(node), key, context, t), cancellationToken);

    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> with the session's <paramref name="context"/>.</summary>
    public Task<KvResult> PutAsync(string node, string key, string value, string? context, CancellationToken cancellationToken) =>
        BoundedAsync(node, t => _client.PutAsync(Address(node), key, value, context, t), cancellationToken);

    /// <summary>Holds (queues everything) or releases the node's outgoing link to <paramref name="peer"/>.</summary>
    public Task<KvResult> SetLinkAsync(string node, string peer, bool held, CancellationToken cancellationToken) =>
        BoundedAsync(node, t => _client.SetLinkHeldAsync(Address(node), peer, held, t), cancellationToken);

    /// <summary>Does one scenario action in the session whose context is <paramref name="context"/>.</summary>
    public Task<KvResult> PerformAsync(ScenarioAction action, string? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var player = new ScenarioPlayer(new KvSession(_client, context), nodes.Addresses);
        return BoundedAsync(action.Node, t => player.PerformAsync(action, t), cancellationToken);
    }

    private Uri Address(string node) => nodes.AddressOf(node) ?? throw new NodeUnavailableException(node, "it is no longer watched (removed from the cluster)");

    private async Task<T> BoundedAsync<T>(string node, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.NodeTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeUnavailableException(node, $"did not answer within {_options.NodeTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new NodeUnavailableException(node, ex.Message);
        }
    }
}
