using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using GridAspire.Explorer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Collection;

/// <summary>
/// Keeps one <c>GET /events</c> open per KV node and adds what arrives to the <see cref="EventLog"/>. A node that is
/// down or restarting is watched again after <see cref="ExplorerOptions.ReconnectDelay"/>, resuming after the last
/// event it sent (its own history fills the gap when it can). Nodes that join are watched from when
/// <see cref="MemberDiscovery"/> finds them, and a removed one no more.
/// </summary>
public sealed class EventCollector(
    IOptions<ExplorerOptions> options,
    IHttpClientFactory clients,
    EventLog log,
    NodeConnections connections,
    TimeProvider time,
    ILogger<EventCollector> logger) : BackgroundService
{
    /// <summary>Name of the HttpClient that holds the streams open (no timeout, no retries).</summary>
    public const string StreamClient = "events";

    private readonly ConcurrentDictionary<string, (CancellationTokenSource Stop, Task Watching)> _watches = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        foreach (var (node, address) in options.Value.Nodes)
        {
            Watch(node, address);
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        await Task.WhenAll(_watches.Values.Select(w => w.Watching));
    }

    /// <summary>Starts watching <paramref name="node"/> (once).</summary>
    public void Watch(string node, Uri address)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        if (!_watches.TryAdd(node, (stop, Task.CompletedTask)))
        {
            stop.Dispose();
            return;
        }

        _watches[node] = (stop, WatchAsync(node, address, stop.Token));
    }

    /// <summary>Stops watching <paramref name="node"/> (it was removed from the cluster).</summary>
    public void Unwatch(string node)
    {
        if (_watches.TryRemove(node, out var watch))
        {
            watch.Stop.Cancel();
        }
    }

    private async Task WatchAsync(string node, Uri address, CancellationToken stoppingToken)
    {
        var http = clients.CreateClient(StreamClient);
        long lastId = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/events"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ClusterKey);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                if (lastId > 0)
                {
                    request.Headers.Add("Last-Event-ID", lastId.ToString(CultureInfo.InvariantCulture));
                }

                using var response = await ConnectAsync(http, request, stoppingToken);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new HttpRequestException($"{node} refuses the cluster key ({(int)response.StatusCode}); set Explorer:ClusterKey to the nodes' Kv:ClusterKey");
                }

                response.EnsureSuccessStatusCode();
                connections.Connected(node);
                ExplorerLog.Watching(logger, node, address);
                var stream = await response.Content.ReadAsStreamAsync(stoppingToken);
                var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize(data, ExplorerJsonContext.Default.NodeEvent));
                await foreach (var item in parser.EnumerateAsync(stoppingToken))
                {
                    if (item.Data is { } observed)
                    {
                        lastId = observed.Id;
                        log.Add(observed with { Node = node });
                    }
                }

                Lost(node, "the node ended the stream");
            }
            catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Only the connect is bounded: a stream that opened is never cancelled but by the explorer stopping.
                Lost(node, $"did not answer within {options.Value.NodeTimeout.TotalSeconds:0.#} s");
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is HttpRequestException or IOException or JsonException)
            {
                Lost(node, ex.Message);
            }

            try
            {
                await Task.Delay(options.Value.ReconnectDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Connecting is bounded like any call to a node; reading the stream, once open, is not.
    private async Task<HttpResponseMessage> ConnectAsync(HttpClient http, HttpRequestMessage request, CancellationToken stoppingToken)
    {
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        connect.CancelAfter(options.Value.NodeTimeout);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
    }

    private void Lost(string node, string problem)
    {
        if (connections.Disconnected(node, problem))
        {
            ExplorerLog.NotWatching(logger, node, problem, options.Value.ReconnectDelay);
        }
    }
}
