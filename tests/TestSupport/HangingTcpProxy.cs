using System.Net;
using System.Net.Sockets;

namespace GridAspire.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a real service that can be made to hang: while <see cref="Hang"/> is in force
/// it still accepts connections (as an orchestrator's proxy in front of a dead process does, or a host that is stuck),
/// but neither forwards nor answers anything, on new connections and on pooled ones alike, until <see cref="Resume"/>.
/// </summary>
public sealed class HangingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _running = NewRunning(completed: true);
    private int _accepted;

    /// <summary>Starts relaying to <paramref name="target"/>.</summary>
    public HangingTcpProxy(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect.</summary>
    public Uri Address { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Stops forwarding and answering, without closing anything.</summary>
    public void Hang() => Interlocked.Exchange(ref _running, NewRunning(completed: false));

    /// <summary>Forwards again.</summary>
    public void Resume() => Volatile.Read(ref _running).TrySetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Resume();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewRunning(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                // Connected and reading at once, so what the client sends during a hang is held here and delivered late
                // on resume, as a stuck process reads its socket late: even if the client gave up meanwhile.
                await server.ConnectAsync(_target, _stop.Token);
                await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
                server.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped, or one side went away.
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (SocketException)
            {
                read = 0; // the sender went away (reset): what it sent before is still delivered below
            }

            if (read == 0)
            {
                return;
            }

            // A hang holds every byte in the middle, in both directions.
            await Volatile.Read(ref _running).Task.WaitAsync(_stop.Token);
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }
}
