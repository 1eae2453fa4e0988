using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// One replication stream over a WebSocket, either end: frames are whole binary messages of UTF-8 JSON, batches from the
/// origin (<see cref="ReplicationBatch"/>) and acknowledgements from the peer (<see cref="ReplicationAck"/>). Sending is
/// one writer's; receiving is another's. A message larger than <see cref="MaxFrameBytes"/> ends the stream.
/// </summary>
public sealed class PeerConnection(WebSocket socket) : IAsyncDisposable
{
    /// <summary>Largest frame read: a batch of the largest values the API accepts fits many times.</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private byte[] _input = ArrayPool<byte>.Shared.Rent(16 * 1024);

    /// <summary>Writes one frame.</summary>
    public async Task SendAsync<T>(T message, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        _output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_output))
        {
            JsonSerializer.Serialize(writer, message, json);
        }

        await socket.SendAsync(_output.WrittenMemory, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
    }

    /// <summary>Reads the next frame; null when the other end closed the stream.</summary>
    public async Task<T?> ReceiveAsync<T>(JsonTypeInfo<T> json, CancellationToken cancellationToken)
        where T : class
    {
        var length = 0;
        while (true)
        {
            if (length == _input.Length)
            {
                if (length >= MaxFrameBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, $"a replication frame is larger than {MaxFrameBytes} bytes");
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_input.Length * 2, MaxFrameBytes));
                _input.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_input);
                _input = larger;
            }

            var result = await socket.ReceiveAsync(_input.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize(_input.AsSpan(0, length), json);
            }
        }
    }

    /// <summary>Ends the stream, saying why (bounded: a peer that does not answer the close is not waited for).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await socket.CloseOutputAsync(status, reason, bounded.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Gone already.
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        ArrayPool<byte>.Shared.Return(_input);
        _input = [];
        return ValueTask.CompletedTask;
    }
}
