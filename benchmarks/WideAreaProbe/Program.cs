using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridAspire.Contracts.Kv;
using GridAspire.KvClient.Client;

// One measurement per call, printed as one line of numbers for benchmarks/kv-wide-area.sh:
//   visibility <from-url> <to-url>[,<to-url>...] <writes> <pause-ms>   -> "p50_ms p99_ms"  (ack at `from` to read at each `to`)
//   accepted kv|etcd <url> <seconds> <timeout-ms>                      -> "accepted attempted"
//   behind <origin-url> <peer-url>[,...] <load-seconds>                -> "writes_behind ms_to_catch_up" (beside a load)
//   converged kv|etcd <url>[,<url>...] <timeout-s> [<proxy-admin-url> <link>[,<link>...]]
//                                                                      -> "ms"  (-1 when not within the timeout)
// converged, given a delay proxy's links, heals them itself once it has warmed up, and times from the healing: a
// process's first request costs about 100 ms of start-up, which is not the cluster's time.
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
var client = new KvNodeClient(http);
var invariant = CultureInfo.InvariantCulture;
string Ms(double ms) => ms.ToString("0.00", invariant);

switch (args.FirstOrDefault())
{
    case "visibility" when args.Length == 5:
    {
        // A write at `from`, then a read at each `to` carrying the write's context: a node answers it only once it has
        // delivered the write, the moment it does (no polling), so the time from the acknowledgement is the visibility.
        var from = new Uri(args[1]);
        var to = args[2].Split(',').Select(u => new Uri(u)).ToList();
        var writes = int.Parse(args[3], invariant);
        var pause = TimeSpan.FromMilliseconds(int.Parse(args[4], invariant));
        var seen = new List<double>();
        for (var i = 0; i < writes; i++)
        {
            var put = await client.PutAsync(from, $"visible-{i % 50}", $"v{i}", context: null);
            var acknowledged = Stopwatch.GetTimestamp();
            if (!put.IsSuccess)
            {
                throw new InvalidOperationException($"write at {from}: {(int)put.Status} {put.Problem}");
            }

            await Task.WhenAll(to.Select(async node =>
            {
                var read = await client.GetAsync(node, $"visible-{i % 50}", put.Context);
                var visible = Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds;
                if (!read.IsSuccess)
                {
                    throw new InvalidOperationException($"read at {node}: {(int)read.Status} {read.Problem}");
                }

                lock (seen)
                {
                    seen.Add(visible);
                }
            }));
            await Task.Delay(pause);
        }

        Console.WriteLine($"{Ms(Percentile(seen, 50))} {Ms(Percentile(seen, 99))}");
        return 0;
    }

    case "accepted" when args.Length == 5:
    {
        var url = new Uri(args[2]);
        var deadline = Stopwatch.StartNew();
        var seconds = double.Parse(args[3], invariant);
        var timeout = TimeSpan.FromMilliseconds(int.Parse(args[4], invariant));
        int accepted = 0, attempted = 0;
        while (deadline.Elapsed.TotalSeconds < seconds)
        {
            attempted++;
            using var bounded = new CancellationTokenSource(timeout);
            try
            {
                var ok = args[1] == "etcd"
                    ? (await http.PostAsJsonAsync(new Uri(url, "/v3/kv/put"), new { key = Base64($"p{attempted}"), value = Base64("v") }, bounded.Token)).IsSuccessStatusCode
                    : (await client.PutAsync(url, $"p{attempted % 50}", "v", context: null, bounded.Token)).IsSuccess;
                accepted += ok ? 1 : 0;
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
            {
                // Refused or unanswered: not accepted.
            }
        }

        Console.WriteLine($"{accepted} {attempted}");
        return 0;
    }

    case "behind" when args.Length == 4:
    {
        // Runs beside a load on the origin: watches the origin's own counter and its peers' clocks until the counter has
        // stood still for 200 ms (the load stopped), then prints how far the furthest peer was behind at the last
        // sample of the load, and how long after the load's last write every peer had everything.
        var origin = new Uri(args[1]);
        var peers = args[2].Split(',').Select(u => new Uri(u)).ToList();
        var load = TimeSpan.FromSeconds(double.Parse(args[3], invariant));
        var limit = load + TimeSpan.FromSeconds(120);
        var watch = Stopwatch.StartNew();
        var writer = (await client.StatusAsync(origin)).Writer;
        long own = -1, behind = 0;
        TimeSpan lastChange = TimeSpan.Zero, caughtUp = TimeSpan.Zero;
        while (watch.Elapsed < limit)
        {
            var status = await client.StatusAsync(origin);
            writer ??= status.Node;
            var now = status.Clock[writer];
            var lowest = (await Task.WhenAll(peers.Select(p => client.StatusAsync(p)))).Min(s => s.Clock[writer]);
            if (now != own)
            {
                (own, behind, lastChange, caughtUp) = (now, now - lowest, watch.Elapsed, TimeSpan.Zero);
            }

            if (caughtUp == TimeSpan.Zero && lowest >= own)
            {
                caughtUp = watch.Elapsed;
            }

            if (own > 0 && caughtUp > TimeSpan.Zero && watch.Elapsed - lastChange > TimeSpan.FromMilliseconds(200))
            {
                // The load stopped at its last write; the first sample that saw every peer there ends the catch-up.
                Console.WriteLine($"{behind} {Ms((caughtUp - lastChange).TotalMilliseconds)}");
                return 0;
            }

            // /status is not free on a loaded node: look rarely until the load's last second, then closely.
            await Task.Delay(watch.Elapsed < load - TimeSpan.FromSeconds(1) ? 200 : 5);
        }

        Console.WriteLine($"{behind} -1");
        return 1;
    }

    case "converged" when args.Length is 4 or 6:
    {
        var nodes = args[2].Split(',').Select(u => new Uri(u)).ToList();
        var limit = TimeSpan.FromSeconds(double.Parse(args[3], invariant));
        async Task<bool> AgreeAsync() => args[1] == "etcd"
            ? (await Task.WhenAll(nodes.Select(EtcdRevisionAsync))).Distinct().Count() == 1
            : Converged(await Task.WhenAll(nodes.Select(n => client.StatusAsync(n))));
        if (args.Length == 6)
        {
            await AgreeAsync(); // warm: every node answers its own clients during a partition
        }

        var started = Stopwatch.StartNew();
        if (args.Length == 6)
        {
            var admin = new Uri(args[4]);
            foreach (var link in args[5].Split(','))
            {
                using var healed = await http.PutAsJsonAsync(new Uri(admin, $"/links/{link}"), new { cut = false });
                healed.EnsureSuccessStatusCode();
            }
        }

        while (started.Elapsed < limit)
        {
            try
            {
                if (await AgreeAsync())
                {
                    Console.WriteLine(Ms(started.Elapsed.TotalMilliseconds));
                    return 0;
                }
            }
            catch (HttpRequestException)
            {
                // A member still unreachable: not converged.
            }

            await Task.Delay(5);
        }

        Console.WriteLine("-1");
        return 1;
    }

    default:
        Console.Error.WriteLine("usage: visibility|accepted|behind|converged ... (see the comment at the top of Program.cs)");
        return 2;
}

static bool Converged(StatusResponse[] statuses) =>
    statuses.All(s => s.Buffered == 0 && s.Peers.Values.All(p => p.Pending == 0) && s.Clock.Equals(statuses[0].Clock));

async Task<long> EtcdRevisionAsync(Uri member)
{
    // A serializable read answers from the member itself: its revision says how far it has applied the log.
    using var response = await http.PostAsJsonAsync(new Uri(member, "/v3/kv/range"), new { key = Base64("probe"), serializable = true });
    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return long.Parse(body.RootElement.GetProperty("header").GetProperty("revision").GetString()!, invariant);
}

static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

static double Percentile(List<double> values, double percent)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(percent / 100 * sorted.Count) - 1)];
}
