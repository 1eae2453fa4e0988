using GridAspire.KvNode.Core;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

[Collection(MetricsReadAlone.Name)]
public sealed class ObservabilityTests
{
    private static readonly ActivitySource TestSource = new("GridAspire.KvNode.Tests");

    [Fact]
    public async Task A_replicated_write_is_one_trace_from_the_client_to_delivery_on_every_peer()
    {
        var stopped = new ConcurrentBag<Activity>();
        var spanEnded = new AsyncSignal();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                stopped.Add(activity);
                spanEnded.Pulse();
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        ActivityTraceId traceId;
        KvResult write;
        using (var root = TestSource.StartActivity("client write"))
        {
            traceId = root!.TraceId;
            write = await new KvSession(http).PutAsync(cluster["kv1"].Address, "traced", "v");
        }

        string[] expected = ["kv.replicate/kv2", "kv.replicate/kv3", "kv.deliver/kv2", "kv.deliver/kv3"];
        string[] SpansOfTheTrace() => stopped.Where(a => a.TraceId == traceId)
            .Select(a => $"{a.OperationName}/{a.GetTagItem("kv.peer") ?? a.GetTagItem("kv.node")}").ToArray();

        await Signals.UntilAsync(spanEnded, () => expected.All(SpansOfTheTrace().Contains), "every span of the write ended");

        Assert.Subset(SpansOfTheTrace().ToHashSet(), expected.ToHashSet());
    }

    [Fact]
    public async Task A_multi_key_write_is_counted_measured_and_traced_as_one_write_of_its_keys()
    {
        var delivered = new ConcurrentBag<Activity>();
        var spanEnded = new AsyncSignal();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("GridAspire", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "kv.deliver")
                {
                    delivered.Add(activity);
                    spanEnded.Pulse();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await KvCluster.StartAsync(3);
        var kv1Meters = cluster["kv1"].Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? Operation)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == kv1Meters && instrument.Name is "kv.writes" or "kv.batch.keys")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) =>
            measurements.Add((i.Name, v, tags.ToArray().FirstOrDefault(t => t.Key == "operation").Value as string)));
        meters.Start();
        using var http = new HttpClient();

        var written = await new KvSession(http).WriteManyAsync(
            cluster["kv1"].Address, new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, ["c"]);

        await Signals.UntilAsync(spanEnded, () => delivered.Count(a => (string?)a.GetTagItem("kv.key") == "a, b, c") == 2, "kv2 and kv3 delivered the batch");
        Assert.Equal(["kv.writes 1 batch"], measurements.Where(m => m.Instrument == "kv.writes").Select(m => $"{m.Instrument} {m.Value} {m.Operation}"));
        Assert.Equal(["kv.batch.keys 3 write"], measurements.Where(m => m.Instrument == "kv.batch.keys").Select(m => $"{m.Instrument} {m.Value} {m.Operation}"));
        Assert.All(delivered, span => Assert.Equal(written.Written!.Clock.ToString(), span.GetTagItem("kv.clock")));
    }

    [Fact]
    public async Task Deliveries_buffering_and_buffer_depth_are_measured()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        var kv3 = cluster["kv3"];
        var kv3Meters = kv3.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentBag<(string Instrument, double Value)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == kv3Meters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, v, _, _) => measurements.Add((i.Name, v)));
        meters.SetMeasurementEventCallback<int>((i, v, _, _) => measurements.Add((i.Name, v)));
        meters.SetMeasurementEventCallback<double>((i, v, _, _) => measurements.Add((i.Name, v)));
        meters.Start();
        await cluster["kv1"].HoldAsync("kv3");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "1");
        var y = await session.PutAsync(cluster["kv2"].Address, "y", "2");
        await Signals.UntilAsync(kv3.Node.Received, () => kv3.Node.Status().Buffered == 1, "kv3 buffers y");

        // One instrument for the buffer's depth, seen by OpenTelemetry's readers and served to Prometheus.
        meters.RecordObservableInstruments();
        var scrape = await http.GetStringAsync(new Uri(kv3.Address, "/metrics"));
        await cluster["kv1"].ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(y.Item!.Clock);

        // Metrics are recorded after the node's lock is released, just before it signals the batch was received.
        await Signals.UntilAsync(kv3.Node.Received, () => measurements.Count(m => m.Instrument == "kv.deliveries") >= 2, "kv3 counted its deliveries");
        Assert.Matches("""(?m)^kv_buffer_depth\{[^}]*node="kv3"[^}]*\} 1( |$)""", scrape);
        Assert.Contains(measurements, m => m.Instrument == "kv.buffer.depth" && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == "kv.buffered" && m.Value == 1);
        Assert.Equal(2, measurements.Count(m => m.Instrument == "kv.deliveries"));
        Assert.Contains(measurements, m => m.Instrument == "kv.buffered.duration" && m.Value > 0);
    }

    [Fact]
    public async Task The_journal_flush_time_is_exported_with_buckets_that_fit_an_fsync()
    {
        var data = Directory.CreateTempSubdirectory("kv-metrics-").FullName;
        await using var cluster = await KvCluster.StartAsync(1, dataRoot: data);
        using var http = new HttpClient();
        await new KvSession(http).PutAsync(cluster["kv1"].Address, "x", "1");

        // OpenTelemetry's default boundaries (0, 5, 10, ... 10000) suit milliseconds: in seconds every fsync fell into
        // one bucket and no quantile could be read (kv.buffered.duration and kv.journal.snapshot.duration had the same).
        var scrape = await http.GetStringAsync(new Uri(cluster["kv1"].Address, "/metrics"));
        Assert.Matches("""(?m)^kv_journal_flush_duration_seconds_bucket\{[^}]*le="0.0005"\} \d+""", scrape);
        Assert.Matches("""(?m)^kv_journal_flush_duration_seconds_bucket\{[^}]*le="0.25"\} [1-9]""", scrape);
        Assert.DoesNotMatch("""(?m)^kv_journal_flush_duration_seconds_bucket\{[^}]*le="5000"\}""", scrape);
    }
}
