using System.Net;
using System.Net.WebSockets;
using GridAspire.KvNode.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// Opens a link's replication stream to a peer (<see cref="ReplicationProtocol.StreamPath"/>, cluster key required) and
/// reads the peer's first answer: what it has delivered, the link's resume point. Connecting and that answer are bounded
/// by <see cref="ReplicationOptions.RequestTimeout"/>; once open, pings every <see cref="ReplicationOptions.KeepAliveInterval"/>
/// end a stream whose peer stopped answering.
/// </summary>
public sealed class PeerConnector(IOptions<KvOptions> options)
{
    private readonly KvOptions _options = options.Value;

    /// <summary>Connects to <paramref name="peer"/> at <paramref name="address"/>; a refusal is a <see cref="PeerRefusedException"/>.</summary>
    public async Task<(PeerConnection Connection, ReplicationAck Hello)> ConnectAsync(string peer, Uri address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var replication = _options.Replication;
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _options.ClusterKey);
        socket.Options.KeepAliveInterval = replication.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = replication.RequestTimeout;
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(replication.RequestTimeout);
        try
        {
            await socket.ConnectAsync(StreamUri(address, _options.NodeId), timeout.Token);
        }
        catch (WebSocketException) when (Refusal(socket.HttpStatusCode, peer) is { } refused)
        {
            socket.Dispose();
            throw refused;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new PeerConnection(socket);
        try
        {
            var hello = await connection.ReceiveAsync(ReplicationJsonContext.Default.ReplicationAck, timeout.Token)
                ?? throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"{peer} closed the stream before answering");
            return hello.Refusal is { } refusal
                ? throw new PeerRefusedException($"{peer} refuses this node's stream: {refusal}") { Removed = hello.Removed }
                : (connection, hello);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The stream's address: the peer's base address with a WebSocket scheme.</summary>
    public static Uri StreamUri(Uri address, string from)
    {
        ArgumentNullException.ThrowIfNull(address);
        var stream = new UriBuilder(new Uri(address, ReplicationProtocol.StreamPath))
        {
            Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = "from=" + Uri.EscapeDataString(from),
        };
        return stream.Uri;
    }

    private static PeerRefusedException? Refusal(HttpStatusCode status, string peer) => status switch
    {
        HttpStatusCode.NotFound => new($"{peer} has no replication stream (404): are both nodes the same version?"),
        _ => PeerRefusedException.From(status, peer, "the stream was refused"),
    };
}
