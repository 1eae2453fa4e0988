using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GridAspire.DelayProxy.Tests;

/// <summary>The emulated link over real sockets: bytes cross in order and late, a cut link lets nothing cross.</summary>
public sealed class DelayLinkTests : IAsyncLifetime
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);
    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _echo.Start();
        _serving = EchoAsync(_stop.Token);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bytes_cross_both_ways_in_order_and_the_end_of_the_stream_follows_them()
    {
        await using var link = Started(LinkDelay.Milliseconds(5, jitterMs: 5));
        using var client = await ConnectAsync(link);

        var sent = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},"));
        await client.Client.SendAsync(Encoding.ASCII.GetBytes(sent));
        client.Client.Shutdown(SocketShutdown.Send);

        Assert.Equal(sent, await ReadToEndAsync(client));
    }

    [Fact]
    public async Task A_round_trip_costs_at_least_twice_the_one_way_delay()
    {
        await using var link = Started(LinkDelay.Milliseconds(100));
        using var client = await ConnectAsync(link);
        var clock = Stopwatch.StartNew();

        await client.Client.SendAsync("ping"u8.ToArray());
        var answer = new byte[4];
        await client.Client.ReceiveAsync(answer).WaitAsync(Bounded);

        Assert.Equal("ping", Encoding.ASCII.GetString(answer));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(195), $"the round trip took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_cut_link_resets_its_connections_and_lets_nothing_cross_until_healed()
    {
        await using var link = Started(LinkDelay.None);
        using var open = await ConnectAsync(link);
        await EchoOnceAsync(open);

        link.SetCut(true);
        var dropped = await ReadToEndAsync(open);
        using var during = await ConnectAsync(link);
        await during.Client.SendAsync("lost"u8.ToArray());
        var nothing = await Task.WhenAny(during.Client.ReceiveAsync(new byte[4]), Task.Delay(TimeSpan.FromMilliseconds(300)));
        link.SetCut(false);
        using var after = await ConnectAsync(link);

        Assert.Equal("", dropped);
        Assert.IsNotType<Task<int>>(nothing); // nothing came back while cut
        await EchoOnceAsync(after);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _echo.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private DelayLink Started(LinkDelay delay)
    {
        var link = new DelayLink("test", new IPEndPoint(IPAddress.Loopback, 0), _echo.LocalEndpoint, delay);
        link.Start();
        return link;
    }

    private static async Task<TcpClient> ConnectAsync(DelayLink link)
    {
        var client = new TcpClient();
        await client.ConnectAsync(link.Listening).WaitAsync(Bounded);
        return client;
    }

    private static async Task EchoOnceAsync(TcpClient client)
    {
        await client.Client.SendAsync("echo"u8.ToArray());
        var answer = new byte[4];
        var read = 0;
        while (read < 4)
        {
            read += await client.Client.ReceiveAsync(answer.AsMemory(read)).AsTask().WaitAsync(Bounded);
        }

        Assert.Equal("echo", Encoding.ASCII.GetString(answer));
    }

    private static async Task<string> ReadToEndAsync(TcpClient client)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (await client.Client.ReceiveAsync(buffer).WaitAsync(Bounded) is > 0 and var read)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // Reset: the link dropped the connection.
        }

        return text.ToString();
    }

    // Echoes every connection's bytes back until it ends.
    private async Task EchoAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _echo.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    var buffer = new byte[4096];
                    try
                    {
                        while (await socket.ReceiveAsync(buffer, cancellationToken) is > 0 and var read)
                        {
                            await socket.SendAsync(buffer.AsMemory(0, read), cancellationToken);
                        }

                        socket.Shutdown(SocketShutdown.Send);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or SocketException)
                    {
                        // The client or the link went away.
                    }
                }
            }, cancellationToken);
        }
    }
}
