using System.Diagnostics;
using System.Globalization;
using GridAspire.KvClient.Client;
using GridAspire.LoadTester.Cli;
using GridAspire.LoadTester.Statistics;
using Spectre.Console;

namespace GridAspire.LoadTester.Kv;

/// <summary>
/// KV write benchmark against a running cluster: N sessions write (each to one node, carrying its causal token)
/// for a fixed time; then, at moderate load, how long until each acknowledged write is visible on every other node
/// (a read carrying the write's token, which the node answers only once it has delivered the write). The same
/// write loop runs against a bare dictionary endpoint in the same run, alternating, and the ratio is printed.
/// </summary>
public static class KvBenchmark
{
    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static async Task<int> RunAsync(KvBenchmarkSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = settings.RequestTimeout };
        var client = new KvNodeClient(http);
        await using var baseline = await DictionaryBaseline.StartAsync();
        var nodes = settings.Nodes.Values.ToList();
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var sessions = settings.Sessions;

        // Warm both up, then alternate so machine noise hits both alike.
        await WriteLoadAsync(client, [baseline.Address], sessions, TimeSpan.FromSeconds(2), "warm", cancellationToken);
        await WriteLoadAsync(client, nodes, sessions, TimeSpan.FromSeconds(2), "warm", cancellationToken);
        var kv = new List<(long Writes, double Seconds, LatencyRecorder Latency)>();
        var bare = new List<(long Writes, double Seconds, LatencyRecorder Latency)>();
        for (var round = 0; round < 2; round++)
        {
            bare.Add(await WriteLoadAsync(client, [baseline.Address], sessions, duration, $"base{round}", cancellationToken));
            kv.Add(await WriteLoadAsync(client, nodes, sessions, duration, $"kv{round}", cancellationToken));
        }

        var (visibility, clientAtModerate) = await VisibilityAsync(client, nodes, Math.Max(1, sessions / 4), duration, cancellationToken);

        var kvRate = kv.Sum(r => r.Writes) / kv.Sum(r => r.Seconds);
        var bareRate = bare.Sum(r => r.Writes) / bare.Sum(r => r.Seconds);
        var table = new Table().Title($"[bold]KV writes: {sessions} sessions, 2 alternating rounds of {duration.TotalSeconds:0} s[/]")
            .AddColumns("target", "writes/s", "client p50 ms", "client p99 ms");
        table.AddRow("KV cluster", F(kvRate, "0"), F(kv[^1].Latency.Percentile(50), "0.00"), F(kv[^1].Latency.Percentile(99), "0.00"));
        table.AddRow("bare dictionary endpoint", F(bareRate, "0"), F(bare[^1].Latency.Percentile(50), "0.00"), F(bare[^1].Latency.Percentile(99), "0.00"));
        console.Write(table);
        console.MarkupLine(F(kvRate / bareRate, "P0") + " of the baseline's write throughput");
        console.MarkupLine($"At moderate load ({Math.Max(1, sessions / 4)} sessions): client p50 {F(clientAtModerate.Percentile(50), "0.00")} ms, " +
            $"replication-visible p50 {F(visibility.Percentile(50), "0.00")} ms, p99 {F(visibility.Percentile(99), "0.00")} ms ({visibility.Count} writes)");
        return 0;
    }

    private static async Task<(long Writes, double Seconds, LatencyRecorder Latency)> WriteLoadAsync(
        KvNodeClient client, List<Uri> nodes, int sessions, TimeSpan duration, string tag, CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        long writes = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async session =>
        {
            var node = nodes[session % nodes.Count];
            string? token = null;
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var written = await client.PutAsync(node, $"bench-{tag}-{session}-{i % 100}", $"v{i}", token, cancellationToken);
                EnsureSuccess(written, node);
                token = written.Context ?? token;
                latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref writes);
            }
        }));
        return (writes, clock.Elapsed.TotalSeconds, latency);
    }

    private static async Task<(LatencyRecorder Visible, LatencyRecorder Client)> VisibilityAsync(
        KvNodeClient client, List<Uri> nodes, int sessions, TimeSpan duration, CancellationToken cancellationToken)
    {
        var visible = new LatencyRecorder();
        var latency = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async session =>
        {
            var origin = nodes[session % nodes.Count];
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var key = $"visible-{session}-{i % 100}";
                var started = Stopwatch.GetTimestamp();
                var put = await client.PutAsync(origin, key, $"v{i}", context: null, cancellationToken);
                EnsureSuccess(put, origin);
                var acknowledged = Stopwatch.GetTimestamp();
                latency.Record(Stopwatch.GetElapsedTime(started, acknowledged));
                await Task.WhenAll(nodes.Where(n => n != origin).Select(async other =>
                    EnsureSuccess(await client.GetAsync(other, key, put.Context, cancellationToken), other)));
                visible.Record(Stopwatch.GetElapsedTime(acknowledged));
            }
        }));
        return (visible, latency);
    }

    private static void EnsureSuccess(KvResult result, Uri node)
    {
        if (!result.IsSuccess)
        {
            throw new HttpRequestException($"{node}: {(int)result.Status} {result.Problem}", null, result.Status);
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
