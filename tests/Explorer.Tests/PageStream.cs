using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Collection;

namespace GridAspire.Explorer.Tests;

/// <summary>What the page sees: the explorer's <c>/api/events</c> and <c>/api/nodes</c>, over HTTP.</summary>
internal static class PageStream
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Reads the event stream (kept events first, then live) until one matches.</summary>
    public static async Task<NodeEvent> WaitForAsync(HttpClient http, Func<NodeEvent, bool> match)
    {
        using var cts = new CancellationTokenSource(Deadline);
        using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        await foreach (var item in SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize(data, ExplorerJsonContext.Default.NodeEvent)!).EnumerateAsync(cts.Token))
        {
            if (match(item.Data))
            {
                return item.Data;
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    /// <summary>
    /// Asks <c>/api/nodes</c> until <paramref name="condition"/> holds (the way the page follows connections), within the deadline.
    /// </summary>
    public static async Task<IReadOnlyList<NodeConnection>> NodesUntilAsync(HttpClient http, Func<IReadOnlyList<NodeConnection>, bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var nodes = (await http.GetFromJsonAsync<List<NodeConnection>>("/api/nodes"))!;
            if (condition(nodes))
            {
                return nodes;
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < Deadline, "the explorer's node list never showed the expected state");
            // Another process's state, seen only through HTTP: asking again shortly is the only signal there is.
            await Task.Delay(50);
        }
    }
}
