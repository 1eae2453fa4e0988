using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Events;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>Reads one node's <c>GET /events</c> over real HTTP, the way the explorer does, and keeps what arrived.</summary>
internal sealed class EventWatcher : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<NodeEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task _reading;

    private EventWatcher(HttpClient http, HttpResponseMessage response)
    {
        _http = http;
        _reading = ReadAsync(response);
    }

    public AsyncSignal Arrived { get; } = new();

    public IReadOnlyList<NodeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public static async Task<EventWatcher> StartAsync(KvTestNode node, long lastEventId = 0)
    {
        var feed = node.Services.GetRequiredService<NodeEventFeed>();
        var before = feed.Watchers;
        var http = node.Admin();
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId > 0)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        // Subscribed once the node says it is watched: from then on nothing it does is missed.
        var watcher = new EventWatcher(http, response);
        await Signals.UntilAsync(feed.WatchersChanged, () => feed.Watchers > before, "the node counts the new watcher");
        return watcher;
    }

    public async Task<NodeEvent> WaitForAsync(Func<NodeEvent, bool> match, string what)
    {
        NodeEvent? found = null;
        await Signals.UntilAsync(Arrived, () => (found = Events.FirstOrDefault(match)) is not null, what);
        return found!;
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
                await foreach (var item in SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize(data, EventsJsonContext.Default.NodeEvent)!)
                    .EnumerateAsync(_stop.Token))
                {
                    Assert.Equal(item.Data.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), item.EventId);
                    lock (_gate)
                    {
                        _events.Add(item.Data);
                    }

                    Arrived.Pulse();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (HttpRequestException) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException) when (_stop.IsCancellationRequested)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }
}
