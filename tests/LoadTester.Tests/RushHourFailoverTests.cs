using System.Globalization;
using System.Text.Json;
using GridAspire.CommandLine;
using GridAspire.LoadTester.Cli;
using GridAspire.TestSupport;
using Spectre.Console;

namespace GridAspire.LoadTester.Tests;

/// <summary>
/// The load tester's rush hour through two charging APIs (real processes sharing the real Garnet store) while one of
/// them is killed with SIGKILL by the rush hour's own <c>--kill-at</c>: every vehicle is booked, none twice.
/// </summary>
public sealed class RushHourFailoverTests : IAsyncLifetime
{
    private readonly SharedStoreHost _store = new();
    private SubstationHost _substation = null!;
    private BalancerHost _balancer = null!;
    private readonly List<ServiceProcess> _apis = [];

    public async Task InitializeAsync()
    {
        // Speed 1: no session ends by itself during the test, so the substation's active sessions are the run's bookings.
        _substation = new SubstationHost("s1", 100_000);
        _balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = _substation.Address }, realClock: true);
        await _balancer.PollAsync();
        var settings = new Dictionary<string, string>
        {
            ["services__balancer__http__0"] = _balancer.Address.ToString(),
            ["ConnectionStrings__idempotency"] = _store.ConnectionString,
            ["ChargeApi__BalancerTimeout"] = "00:00:02", // a killed API's claims free their keys after 4 s
        };
        for (var i = 0; i < 2; i++)
        {
            _apis.Add(new ServiceProcess("ChargeRequest", new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}"), settings));
        }

        await Task.WhenAll(_apis.Select(a => a.WaitHealthyAsync(TimeSpan.FromSeconds(60))));
    }

    [Fact]
    public async Task Killing_one_api_mid_rush_loses_no_vehicle_and_books_none_twice()
    {
        var output = Path.Combine(Path.GetTempPath(), $"rush-failover-{Guid.NewGuid():N}");
        string[] args = ["rush", "--target", _apis[0].Address.ToString(), "--also-target", _apis[1].Address.ToString(),
            "--balancer", _balancer.Address.ToString(), "--peak", "15", "--ramp-up", "1", "--hold", "8", "--ramp-down", "1", "--seed", "7",
            "--kill-at", $"3=kill -9 {_apis[0].ProcessId.ToString(CultureInfo.InvariantCulture)}", "--output", output];

        var exit = await CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System), args);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        var requests = root.GetProperty("requests").GetInt64();
        Assert.Equal(0, exit);
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal(requests, root.GetProperty("admitted").GetInt64()); // a grid with room for all: every vehicle booked
        Assert.StartsWith("kill -9", root.GetProperty("faults")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("exit 0", root.GetProperty("faults")[0].GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("retries").GetInt64() > 0, "no request ever met the killed API: the test proved nothing");
        var active = await MetricsText.ReadAsync(_substation.Http(), "substation_sessions_active", ("substation", "s1"));
        Assert.Equal(requests, active); // the warm-up's sessions were ended before the run; none booked twice
        Directory.Delete(output, recursive: true);
    }

    public async Task DisposeAsync()
    {
        foreach (var api in _apis)
        {
            await api.DisposeAsync();
        }

        await _balancer.DisposeAsync();
        await _substation.DisposeAsync();
        await _store.DisposeAsync();
    }
}
