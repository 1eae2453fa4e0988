using System.Diagnostics.Metrics;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>Collecting a node's gauges takes no lock a write waits for.</summary>
[Collection(MetricsReadAlone.Name)]
public sealed class ScrapeWithoutLockTests
{
    [Fact]
    public async Task Every_gauge_is_read_while_another_thread_holds_the_node_lock()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        var kv1 = cluster["kv1"];
        using var http = kv1.Http();
        (await http.PutAsJsonAsync("/kv/x", new { value = "1" })).EnsureSuccessStatusCode();
        var scope = kv1.Services.GetRequiredService<IMeterFactory>();
        var gauges = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == scope && instrument.GetType().Name.StartsWith("ObservableGauge", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => gauges.Add(instrument.Name));
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => gauges.Add(instrument.Name));
        listener.Start();

        // The scrape runs on another thread while this one holds the node's lock: a gauge that took the lock would
        // wait until the bounded wait gives up.
        var collectedWhileLocked = kv1.Node.Change(
            _ => Task.Run(listener.RecordObservableInstruments).Wait(TimeSpan.FromSeconds(5)), changes: false);

        Assert.True(collectedWhileLocked);
        Assert.Contains("kv.buffer.depth", gauges);
        Assert.Contains("kv.own_writes", gauges);
        Assert.Contains("kv.clock", gauges);
        Assert.Contains("kv.replication.lag", gauges);
    }
}
