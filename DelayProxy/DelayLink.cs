using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace GridAspire.DelayProxy;

/// <summary>
/// One emulated network link: listens on an endpoint and forwards every connection to a target, holding each chunk of
/// bytes, in each direction, for the link's one-way delay (plus jitter) before passing it on. Order within a connection
/// is kept, as TCP's is. A cut link (a partition) drops its connections and black-holes new ones until it is healed:
/// they open, but nothing crosses, as when packets are lost. Delay and cut can change while it runs.
/// </summary>
public sealed class DelayLink : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private const int ChunksQueued = 1024;
    private readonly Socket _listener;
    private readonly EndPoint _target;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Connection> _connections = [];
    private readonly List<Socket> _blackholed = [];
    private volatile LinkDelay _delay;
    private volatile bool _cut;
    private Task _accepting = Task.CompletedTask;

    /// <summary>Creates the link <paramref name="name"/>: <paramref name="listen"/> (port 0 picks one) to <paramref name="target"/>.</summary>
    public DelayLink(string name, IPEndPoint listen, EndPoint target, LinkDelay delay, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        Name = name;
        _target = target;
        _delay = delay;
        _time = time ?? TimeProvider.System;
        _listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(listen);
        Listening = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <summary>The link's name.</summary>
    public string Name { get; }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Listening { get; }

    /// <summary>Where it forwards to.</summary>
    public EndPoint Target => _target;

    /// <summary>The delay now; a change applies to bytes that arrive from then on.</summary>
    public LinkDelay Delay
    {
        get => _delay;
        set => _delay = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Connections open through the link.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>True while the link is cut (a partition).</summary>
    public bool Cut => _cut;

    /// <summary>Starts accepting connections.</summary>
    public void Start()
    {
        _listener.Listen(512);
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Cuts the link (its connections are dropped, new ones get nothing) or heals it (new connections work again).</summary>
    public void SetCut(bool cut)
    {
        List<Connection> dropped;
        List<Socket> released;
        lock (_gate)
        {
            _cut = cut;
            dropped = cut ? [.. _connections] : [];
            released = cut ? [] : [.. _blackholed];
            if (!cut)
            {
                _blackholed.Clear();
            }
        }

        foreach (var connection in dropped)
        {
            connection.Abort();
        }

        foreach (var socket in released)
        {
            socket.Dispose(); // a connection opened during the partition never worked: its client opens another
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        SetCut(true);
        SetCut(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_gate)
            {
                if (_cut)
                {
                    _blackholed.Add(client);
                    continue;
                }
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(_target, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            client.Dispose(); // the target is down: so is the link, as seen from the client
            upstream.Dispose();
            return;
        }

        var connection = new Connection(client, upstream, cancellationToken);
        lock (_gate)
        {
            if (_cut)
            {
                connection.Abort();
                return;
            }

            _connections.Add(connection);
        }

        try
        {
            await Task.WhenAll(PumpAsync(client, upstream, connection.Token), PumpAsync(upstream, client, connection.Token));
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            connection.Abort();
        }
    }

    // One direction: chunks are read as they come and written once their delay has passed, in order.
    private async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<(byte[] Buffer, int Length, long Due)>(
            new BoundedChannelOptions(ChunksQueued) { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(chunks.Reader, to, cancellationToken);
        var lastDue = 0L;
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                var delay = _delay;
                var extra = delay.Jitter > TimeSpan.Zero ? Random.Shared.NextDouble() * delay.Jitter.TotalSeconds : 0;
                var due = _time.GetTimestamp() + (long)((delay.OneWay.TotalSeconds + extra) * _time.TimestampFrequency);
                lastDue = Math.Max(lastDue, due);
                await chunks.Writer.WriteAsync((buffer, read, lastDue), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended or was dropped.
        }
        finally
        {
            chunks.Writer.TryComplete();
        }

        await writing;
    }

    private async Task WriteAsync(ChannelReader<(byte[] Buffer, int Length, long Due)> chunks, Socket to, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (buffer, length, due) in chunks.ReadAllAsync(cancellationToken))
            {
                try
                {
                    var wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken);
                    }

                    await to.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, cancellationToken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            to.Shutdown(SocketShutdown.Send); // the other side finished: pass the end on, after its last byte
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended or was dropped.
        }
    }

    private sealed class Connection(Socket client, Socket upstream, CancellationToken stopping)
    {
        private readonly CancellationTokenSource _abort = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private int _aborted;

        public CancellationToken Token => _abort.Token;

        public void Abort()
        {
            if (Interlocked.Exchange(ref _aborted, 1) == 1)
            {
                return;
            }

            _abort.Cancel();
            try
            {
                client.LingerState = new LingerOption(true, 0); // a reset, as a broken link would leave
            }
            catch (SocketException)
            {
                // Already reset by the other side.
            }

            client.Dispose();
            upstream.Dispose();
        }
    }
}
