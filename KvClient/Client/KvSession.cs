using GridAspire.Contracts.Kv;

namespace GridAspire.KvClient.Client;

/// <summary>
/// One client session against any node of the cluster. It keeps the causal-context token every node returns
/// and sends it with each call, which is what gives the session read-your-writes, monotonic reads, monotonic
/// writes and writes-follow-reads even when it switches nodes.
/// </summary>
public sealed class KvSession(KvNodeClient client, string? token = null)
{
    /// <summary>A session over its own <see cref="KvNodeClient"/> on <paramref name="http"/>.</summary>
    public KvSession(HttpClient http, string? clusterKey = null, string? token = null)
        : this(new KvNodeClient(http, clusterKey), token)
    {
    }

    /// <summary>The opaque causal context; null before the first call.</summary>
    public string? Token { get; private set; } = token;

    /// <summary>The client the session calls through.</summary>
    public KvNodeClient Client { get; } = client;

    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> PutAsync(Uri node, string key, string value, CancellationToken cancellationToken = default) =>
        Keep(Client.PutAsync(node, key, value, Token, cancellationToken));

    /// <summary>Reads <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> GetAsync(Uri node, string key, CancellationToken cancellationToken = default) =>
        Keep(Client.GetAsync(node, key, Token, cancellationToken));

    /// <summary>Reads <paramref name="keys"/> together at <paramref name="node"/>, from one causally consistent cut.</summary>
    public Task<KvResult> ReadManyAsync(Uri node, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        Keep(Client.ReadManyAsync(node, keys, Token, cancellationToken));

    /// <summary>Writes <paramref name="put"/> and deletes <paramref name="delete"/> at <paramref name="node"/> as one write.</summary>
    public Task<KvResult> WriteManyAsync(
        Uri node, IReadOnlyDictionary<string, string?> put, IReadOnlyList<string>? delete = null, CancellationToken cancellationToken = default) =>
        Keep(Client.WriteManyAsync(node, put, delete ?? [], Token, cancellationToken));

    /// <summary>Deletes <paramref name="key"/> at <paramref name="node"/>.</summary>
    public Task<KvResult> DeleteAsync(Uri node, string key, CancellationToken cancellationToken = default) =>
        Keep(Client.DeleteAsync(node, key, Token, cancellationToken));

    /// <summary>Reads a node's status (no session context involved).</summary>
    public Task<StatusResponse> StatusAsync(Uri node, CancellationToken cancellationToken = default) =>
        Client.StatusAsync(node, cancellationToken);

    /// <summary>Holds (queues) everything <paramref name="node"/> sends to <paramref name="peer"/>. Needs the cluster key.</summary>
    public Task HoldAsync(Uri node, string peer, CancellationToken cancellationToken = default) =>
        EnsureAsync(Client.SetLinkHeldAsync(node, peer, held: true, cancellationToken), node);

    /// <summary>Releases a held link.</summary>
    public Task ReleaseAsync(Uri node, string peer, CancellationToken cancellationToken = default) =>
        EnsureAsync(Client.SetLinkHeldAsync(node, peer, held: false, cancellationToken), node);

    private async Task<KvResult> Keep(Task<KvResult> call)
    {
        var result = await call;
        Token = result.Context ?? Token;
        return result;
    }

    private static async Task EnsureAsync(Task<KvResult> call, Uri node)
    {
        var result = await call;
        if (!result.IsSuccess)
        {
            throw new HttpRequestException($"{node}: {(int)result.Status} {result.Problem}", null, result.Status);
        }
    }
}
