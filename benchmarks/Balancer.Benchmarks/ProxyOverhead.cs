using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using HdrHistogram;

namespace GridAspire.Balancer.Benchmarks;

/// <summary>
/// Throughput and latency of admissions sent to a substation directly and through the balancer, measured side by
/// side in one run (alternating rounds, so drift on a noisy machine hits both). Both servers are real processes on
/// 127.0.0.1; the load is closed-loop, bounded in time.
/// </summary>
internal static class ProxyOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var concurrency = Option(args, "--concurrency", 16);
        var rounds = Option(args, "--rounds", 3);
        var substationPort = FreePort();
        var balancerPort = FreePort();
        var dir = AppContext.BaseDirectory;
        using var substation = Start(dir, "Substation.dll", substationPort,
            "--Substation:Id=bench", "--Substation:CapacityKw=100000", "--Simulation:Speed=100000");
        using var balancer = Start(dir, "Balancer.dll", balancerPort,
            $"--Balancer:Substations:bench=http://127.0.0.1:{substationPort}");
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 });
            var direct = new Uri($"http://127.0.0.1:{substationPort}/sessions");
            var proxied = new Uri($"http://127.0.0.1:{balancerPort}/sessions");
            await WaitHealthyAsync(http, new Uri($"http://127.0.0.1:{substationPort}/health"));
            await WaitHealthyAsync(http, new Uri($"http://127.0.0.1:{balancerPort}/health"));
            await LoadAsync(http, direct, concurrency, TimeSpan.FromSeconds(3)); // warm-up, not measured
            await LoadAsync(http, proxied, concurrency, TimeSpan.FromSeconds(3));

            var results = new Dictionary<string, (long Requests, double Seconds, LongHistogram Latency)>
            {
                ["direct"] = (0, 0, NewHistogram()),
                ["balancer"] = (0, 0, NewHistogram()),
            };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, target) in new[] { ("direct", direct), ("balancer", proxied) })
                {
                    var (count, elapsed, latency) = await LoadAsync(http, target, concurrency, TimeSpan.FromSeconds(seconds));
                    var total = results[name];
                    total.Latency.Add(latency);
                    results[name] = (total.Requests + count, total.Seconds + elapsed, total.Latency);
                }
            }

            Console.WriteLine($"{rounds} alternating rounds of {seconds} s, {concurrency} concurrent clients, POST /sessions on 127.0.0.1");
            Console.WriteLine("| Target | Requests/s | p50 (ms) | p99 (ms) | p99.9 (ms) | Errors |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, r) in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {r.Requests / r.Seconds:F0} | {Ms(r.Latency, 50):F2} | {Ms(r.Latency, 99):F2} | {Ms(r.Latency, 99.9):F2} | 0 |"));
            }

            var d = results["direct"];
            var b = results["balancer"];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Balancer throughput / direct: {b.Requests / b.Seconds / (d.Requests / d.Seconds):P0}; added p99: {Ms(b.Latency, 99) - Ms(d.Latency, 99):F2} ms"));
            return 0;
        }
        finally
        {
            Stop(balancer);
            Stop(substation);
        }
    }

    private static async Task<(long Count, double Seconds, LongHistogram Latency)> LoadAsync(
        HttpClient http, Uri target, int concurrency, TimeSpan duration)
    {
        var latency = NewHistogram();
        var gate = new Lock();
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var local = NewHistogram();
            var body = new { vehicleId = $"bench-{worker}", requestedKwh = 0.0001, maxKw = 0.001 };
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync(target, body);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"{target} answered {(int)response.StatusCode}");
                }

                local.RecordValue(Stopwatch.GetElapsedTime(start).Ticks / 10); // microseconds
                Interlocked.Increment(ref count);
            }

            lock (gate)
            {
                latency.Add(local);
            }
        }));
        return (count, stopwatch.Elapsed.TotalSeconds, latency);
    }

    private static LongHistogram NewHistogram() => new(TimeStamp.Seconds(60) / 10, 3);

    private static double Ms(LongHistogram histogram, double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;

    private static async Task WaitHealthyAsync(HttpClient http, Uri health)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await http.GetAsync(health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100); // waiting for another process to start: polling is all there is
        }

        throw new TimeoutException($"{health} did not become healthy");
    }

    private static Process Start(string dir, string dll, int port, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(dir, dll), "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", "--environment", "Production" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
