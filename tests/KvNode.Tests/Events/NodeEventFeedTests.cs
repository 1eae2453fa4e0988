using System.Diagnostics.Metrics;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Tests.Events;

public sealed class NodeEventFeedTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly KvMetrics _metrics;

    public NodeEventFeedTests() => _metrics = new KvMetrics(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void Nothing_is_recorded_while_nobody_watches()
    {
        var feed = Feed(history: 10, queue: 16);

        Assert.False(feed.IsWatched);
        Assert.Equal(0, feed.Publish(Event()));
    }

    [Fact]
    public async Task A_watcher_that_does_not_read_loses_its_oldest_events_and_never_blocks_the_node()
    {
        using var dropped = new MetricCollector<long>(_metrics.Meter, "kv.events.dropped");
        var feed = Feed(history: 0, queue: 16);
        using var stop = new CancellationTokenSource();
        await using var watch = feed.WatchAsync(0, stop.Token).GetAsyncEnumerator();
        var first = watch.MoveNextAsync(); // subscribes, then waits for an event

        for (var i = 0; i < 100; i++)
        {
            feed.Publish(Event()); // returns at once: the watcher's queue drops its oldest
        }

        Assert.True(await first);
        var seen = new List<long> { watch.Current.Id };
        while (seen[^1] < 100 && await watch.MoveNextAsync())
        {
            seen.Add(watch.Current.Id);
        }

        Assert.Equal(100, seen[^1]);
        Assert.True(seen.Count <= 17, $"a queue of 16 kept {seen.Count} events");
        Assert.Equal(100 - seen.Count, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_new_watcher_first_gets_the_history_after_its_last_id()
    {
        var feed = Feed(history: 5, queue: 64);
        using var stop = new CancellationTokenSource();
        await using var keepsRecording = feed.WatchAsync(0, stop.Token).GetAsyncEnumerator();
        var pending = keepsRecording.MoveNextAsync();
        for (var i = 0; i < 8; i++)
        {
            feed.Publish(Event());
        }

        Assert.Equal([6L, 7, 8], await Take(feed.WatchAsync(5, stop.Token), 3)); // after id 5
        Assert.Equal([4L, 5, 6, 7, 8], await Take(feed.WatchAsync(0, stop.Token), 5)); // only 5 kept
        Assert.Equal([4L, 5, 6, 7, 8], await Take(feed.WatchAsync(99, stop.Token), 5)); // an id from before a restart
        Assert.True(await pending);
        await stop.CancelAsync();
    }

    public void Dispose() => _services.Dispose();

    private static async Task<List<long>> Take(IAsyncEnumerable<NodeEvent> events, int count)
    {
        var ids = new List<long>();
        await foreach (var e in events)
        {
            ids.Add(e.Id);
            if (ids.Count == count)
            {
                break;
            }
        }

        return ids;
    }

    private static NodeEvent Event() => new(NodeEventKind.Write, VectorClock.Empty, "k");

    private NodeEventFeed Feed(int history, int queue) => new(
        Options.Create(new KvOptions { NodeId = "kv1", Events = new EventsOptions { History = history, WatcherQueue = queue } }),
        TimeProvider.System,
        _metrics,
        NullLogger<NodeEventFeed>.Instance);
}
