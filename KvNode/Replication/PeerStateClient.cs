using System.Net;
using System.Net.Http.Headers;
using GridAspire.KvNode.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Replication;

/// <summary>The requests a node makes to a peer besides replication: its status, its state, its incarnation, membership.</summary>
public sealed class PeerStateClient(IHttpClientFactory clients, IOptions<KvOptions> options)
{
    private readonly HttpClient _http = clients.CreateClient(PeerLinks.HttpClientName);
    private readonly KvOptions _options = options.Value;

    /// <summary>The peer's <c>/status</c>.</summary>
    public async Task<StatusResponse> StatusAsync(PeerLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var timeout = Timeout(_options.Replication.RequestTimeout, cancellationToken);
        return await _http.GetFromJsonAsync(new Uri(link.Address, ReplicationProtocol.StatusPath), ReplicationJsonContext.Default.StatusResponse, timeout.Token)
            ?? throw new HttpRequestException($"{link.PeerId} answered /status with nothing.");
    }

    /// <summary>The part of the peer's state a node whose delivered clock is <paramref name="known"/> lacks.</summary>
    public async Task<StateTransfer> StateAsync(PeerLink link, VectorClock known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var timeout = Timeout(_options.Replication.StateTransferTimeout, cancellationToken);
        using var request = Post(link, ReplicationProtocol.StatePath, JsonContent.Create(new StateRequest(_options.NodeId, known), ReplicationJsonContext.Default.StateRequest));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        ThrowIfRefused(response, link);
        return await response.Content.ReadFromJsonAsync(ReplicationJsonContext.Default.StateTransfer, timeout.Token)
            ?? throw new HttpRequestException($"{link.PeerId} answered a state request with nothing.");
    }

    /// <summary>Tells the peer this node writes as <paramref name="incarnation"/>; false when it knows one at least as new.</summary>
    public async Task<bool> AnnounceAsync(PeerLink link, string incarnation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var timeout = Timeout(_options.Replication.RequestTimeout, cancellationToken);
        using var request = Post(link, ReplicationProtocol.IncarnationPath, JsonContent.Create(new IncarnationNotice(_options.NodeId, incarnation), ReplicationJsonContext.Default.IncarnationNotice));
        using var response = await _http.SendAsync(request, timeout.Token);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        ThrowIfRefused(response, link);
        return true;
    }

    /// <summary>Tells the peer the membership changes this node knows of (it applies them before answering).</summary>
    public async Task TellMembershipAsync(PeerLink link, MembershipNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var timeout = Timeout(_options.Replication.RequestTimeout, cancellationToken);
        using var request = Post(link.Address, ReplicationProtocol.MembershipPath, JsonContent.Create(notice, ReplicationJsonContext.Default.MembershipNotice));
        using var response = await _http.SendAsync(request, timeout.Token);
        ThrowIfRefused(response, link.PeerId);
    }

    /// <summary>Asks the member at <paramref name="member"/> to add this node, serving at <paramref name="advertised"/>.</summary>
    public async Task<JoinAnswer> JoinAsync(Uri member, Uri advertised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        using var timeout = Timeout(_options.Replication.RequestTimeout, cancellationToken);
        using var request = Post(member, ReplicationProtocol.JoinPath, JsonContent.Create(new JoinRequest(_options.NodeId, advertised), ReplicationJsonContext.Default.JoinRequest));
        using var response = await _http.SendAsync(request, timeout.Token);
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Gone)
        {
            var detail = await response.Content.ReadAsStringAsync(timeout.Token);
            throw new PeerRefusedException($"{member} refuses to add {_options.NodeId} ({(int)response.StatusCode}): {detail}");
        }

        ThrowIfRefused(response, member.Authority);
        return await response.Content.ReadFromJsonAsync(ReplicationJsonContext.Default.JoinAnswer, timeout.Token)
            ?? throw new HttpRequestException($"{member} answered a join with nothing.");
    }

    /// <summary>
    /// True for a failure that is worth retrying with back-off: the peer is down, too slow, or answered something
    /// unreadable. Everything that talks to a peer uses this one rule.
    /// </summary>
    public static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or System.Net.WebSockets.WebSocketException or IOException;

    // A refusal (wrong cluster key, a request it finds invalid) is a misconfiguration worth a log line, not an outage.
    private static void ThrowIfRefused(HttpResponseMessage response, PeerLink link) => ThrowIfRefused(response, link.PeerId);

    private static void ThrowIfRefused(HttpResponseMessage response, string peer)
    {
        if (PeerRefusedException.From(response.StatusCode, peer, response.ReasonPhrase) is { } refused)
        {
            throw refused;
        }

        response.EnsureSuccessStatusCode();
    }

    private HttpRequestMessage Post(PeerLink link, string path, HttpContent content) => Post(link.Address, path, content);

    private HttpRequestMessage Post(Uri address, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ClusterKey);
        return request;
    }

    private static CancellationTokenSource Timeout(TimeSpan after, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(after);
        return timeout;
    }
}
