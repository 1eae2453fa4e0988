using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>
/// The charging path with no single point of failure, as real processes: two charge APIs (sharing the real Garnet store)
/// in front of two balancers in front of three substations. A rush of vehicles, each retrying with its Idempotency-Key
/// at the other API as a client would; one balancer and then one API are killed with SIGKILL mid-rush. No vehicle may be
/// refused for good, and none may be booked twice.
/// </summary>
public sealed class ChargingPathFailoverTests : IAsyncLifetime
{
    private const int Vehicles = 240;
    private const int Workers = 12;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SharedStoreHost _store = new();
    private readonly List<SubstationHost> _substations = [];
    private readonly List<ServiceProcess> _balancers = [];
    private readonly List<ServiceProcess> _apis = [];

    public async Task InitializeAsync()
    {
        for (var i = 1; i <= 3; i++)
        {
            _substations.Add(new SubstationHost($"s{i}", capacityKw: 10_000));
        }

        var balancerSettings = new Dictionary<string, string>
        {
            ["Balancer__PollInterval"] = "00:00:00.200",
            ["Balancer__ConnectTimeout"] = "00:00:00.500",
            ["Balancer__ResponseTimeout"] = "00:00:01",
            ["Balancer__RequestDeadline"] = "00:00:02",
        };
        for (var i = 0; i < _substations.Count; i++)
        {
            balancerSettings[$"Balancer__Substations__s{i + 1}"] = _substations[i].Address.ToString();
        }

        _balancers.Add(new ServiceProcess("Balancer", Loopback(), balancerSettings));
        _balancers.Add(new ServiceProcess("Balancer", Loopback(), balancerSettings));
        var apiSettings = new Dictionary<string, string>
        {
            ["services__balancer__http__0"] = _balancers[0].Address.ToString(),
            ["services__balancer__http__1"] = _balancers[1].Address.ToString(),
            ["ConnectionStrings__idempotency"] = _store.ConnectionString,
            ["ChargeApi__BalancerTimeout"] = "00:00:03", // a claim held by a killed API frees its key after twice this
        };
        _apis.Add(new ServiceProcess("ChargeRequest", Loopback(), apiSettings));
        _apis.Add(new ServiceProcess("ChargeRequest", Loopback(), apiSettings));
        await Task.WhenAll(_balancers.Concat(_apis).Select(p => p.WaitHealthyAsync(StartTimeout)));
    }

    [Fact]
    public async Task Killing_one_balancer_and_one_api_mid_rush_refuses_no_vehicle_and_books_none_twice()
    {
        var sessions = new ConcurrentDictionary<int, string>();
        var next = -1;
        var done = 0;
        var balancerKilled = new TaskCompletionSource();
        var apiKilled = new TaskCompletionSource();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            int vehicle;
            while ((vehicle = Interlocked.Increment(ref next)) < Vehicles)
            {
                sessions[vehicle] = await BookAsync(http, vehicle);
                switch (Interlocked.Increment(ref done))
                {
                    case Vehicles / 3:
                        await _balancers[0].KillAsync(); // while the other workers' requests are in flight
                        balancerKilled.SetResult();
                        break;
                    case 2 * Vehicles / 3:
                        await _apis[0].KillAsync();
                        apiKilled.SetResult();
                        break;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Worker)));

        Assert.True(balancerKilled.Task.IsCompleted && apiKilled.Task.IsCompleted);
        Assert.Equal(Vehicles, sessions.Count); // every vehicle booked
        Assert.Equal(Vehicles, sessions.Values.Distinct().Count()); // each its own session
        var admitted = 0.0;
        foreach (var substation in _substations)
        {
            admitted += await MetricsText.ReadAsync(substation.Http(), "substation_sessions_admitted_total", ("substation", SubstationId(substation))) ?? 0;
        }

        Assert.Equal(Vehicles, admitted); // and nobody booked twice anywhere, answered or not
        using var survivor = new HttpClient { BaseAddress = _apis[1].Address };
        var failovers = MetricsText.Value(await survivor.GetStringAsync("/metrics"), "charge_balancer_failovers_total");
        Assert.True(failovers > 0, $"the surviving API never met the dead balancer ({failovers}); the test proved nothing in {clock.Elapsed}");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _apis.Concat(_balancers))
        {
            await process.DisposeAsync();
        }

        _substations.ForEach(s => s.Dispose());
        await _store.DisposeAsync();
    }

    // A client's retry loop: the same Idempotency-Key, the other API after a failure, a short pause, bounded in count and time.
    private async Task<string> BookAsync(HttpClient http, int vehicle)
    {
        var body = new { vehicleId = $"ev-{vehicle}", requestedKwh = 20, maxKw = 11 };
        var api = vehicle % 2;
        var started = Stopwatch.StartNew();
        var answers = new List<string>();
        for (var attempt = 0; attempt < 100 && started.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_apis[api].Address, "/api/charge")) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", $"failover-{vehicle}");
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return JsonDocument.Parse(text).RootElement.GetProperty("sessionId").GetString()!;
                }

                answers.Add($"{(int)response.StatusCode} at api {api}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answers.Add($"{ex.GetType().Name} at api {api}");
            }

            api = 1 - api;
            await Task.Delay(TimeSpan.FromMilliseconds(100)); // a client's back-off between retries, not a wait for state
        }

        throw new InvalidOperationException($"vehicle {vehicle} was never booked: {string.Join(", ", answers)}");
    }

    private static Uri Loopback() => new($"http://127.0.0.1:{LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture)}");

    private string SubstationId(SubstationHost substation) => $"s{_substations.IndexOf(substation) + 1}";
}
