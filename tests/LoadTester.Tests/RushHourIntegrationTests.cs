using System.Text.Json;
using GridAspire.CommandLine;
using GridAspire.LoadTester.Cli;
using GridAspire.TestSupport;
using Spectre.Console;

namespace GridAspire.LoadTester.Tests;

public sealed class RushHourIntegrationTests
{
    [Fact]
    public async Task A_ten_second_rush_hour_against_the_local_system_has_no_errors_and_a_well_formed_summary()
    {
        using var s1 = new SubstationHost("s1", 200, speed: 3600);
        using var s2 = new SubstationHost("s2", 100, speed: 3600);
        // On the real clock (deadlines it forwards must hold at the substations), polling only once a minute: its own
        // view of the load stays at the start's 0 kW for the whole run.
        using var balancer = new BalancerHost(
            new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address }, settings: new Dictionary<string, string?> { ["Balancer:PollInterval"] = "00:01:00" }, realClock: true);
        await balancer.PollAsync();
        using var api = new ChargeApiHost(balancer.Address);
        var output = Path.Combine(Path.GetTempPath(), $"rush-{Guid.NewGuid():N}");
        string[] args = ["rush", "--target", api.Address.ToString(), "--balancer", balancer.Address.ToString(), "--peak", "10",
            "--ramp-up", "2", "--hold", "6", "--ramp-down", "2", "--seed", "5", "--output", output];

        var exit = await CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System), args);

        Assert.Equal(0, exit);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        var requests = root.GetProperty("requests").GetInt64();
        Assert.InRange(requests, 40, 120); // 10/s for an 8-second-equivalent area
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal(requests, root.GetProperty("admitted").GetInt64() + root.GetProperty("rejected").GetInt64());
        Assert.InRange(root.GetProperty("admitted").GetInt64(), requests / 2, requests);
        Assert.True(root.GetProperty("startUnixMs").GetInt64() < root.GetProperty("endUnixMs").GetInt64());
        Assert.Equal("LeastLoad", root.GetProperty("policy").GetString());
        var hold = root.GetProperty("hold");
        Assert.InRange(hold.GetProperty("meanJain").GetDouble(), 0.5, 1);
        Assert.InRange(hold.GetProperty("minJain").GetDouble(), 0.5, hold.GetProperty("meanJain").GetDouble());
        Assert.True(hold.GetProperty("peakAggregateUtilisation").GetDouble() >= hold.GetProperty("meanAggregateUtilisation").GetDouble());
        Assert.Equal(2, hold.GetProperty("peakUtilisation").EnumerateObject().Count());
        Assert.True(root.GetProperty("latencyMs").GetProperty("p99Ms").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("kwShare").EnumerateObject().Count());
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "timeseries.csv"));
        Assert.StartsWith("second,sent,admitted,rejected,errors,p50_ms,p95_ms,p99_ms,load_kw_s1", csv[0], StringComparison.Ordinal);
        Assert.True(csv.Length > 10);

        // Load is read from the substations themselves: through this balancer, which has not polled since the start,
        // every second would read 0 kW.
        var column = Array.IndexOf(csv[0].Split(','), "load_kw_s1");
        Assert.Equal(0, balancer.Tracker.Estimate("s1")!.Value.PolledLoadKw);
        Assert.Contains(csv.Skip(1), row => double.TryParse(row.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture, out var kw) && kw > 0);
        Assert.All(new[] { "load-per-substation.png", "latency.png", "admissions.png" }, png => Assert.True(new FileInfo(Path.Combine(output, png)).Length > 1000));
        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task A_comparison_writes_every_run_and_the_comparison_into_one_folder()
    {
        using var grid = await TwoSubstationGrid.StartAsync(200, 100, speed: 3600);
        var output = Path.Combine(Path.GetTempPath(), $"compare-{Guid.NewGuid():N}");

        var exit = await grid.CompareAsync(output, "--peak", "5", "--ramp-up", "1", "--hold", "3", "--ramp-down", "1");

        Assert.Equal(0, exit);
        Assert.Equal(["comparison.md", "comparison.png", "leastload", "roundrobin", "vehicles.png"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order());
        Assert.All(new[] { "leastload", "roundrobin" }, run =>
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, run, "summary.json")));
            Assert.True(summary.RootElement.GetProperty("admitted").GetInt64() > 0, $"{run} admitted no vehicle");
        });
        var table = await File.ReadAllTextAsync(Path.Combine(output, "comparison.md"));
        Assert.Contains("Jain per second, mean", table, StringComparison.Ordinal);
        Assert.Contains("| RoundRobin |", table, StringComparison.Ordinal);
        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task The_figures_tell_a_policy_that_crowds_the_smaller_substation_from_one_that_shares_by_capacity()
    {
        // Shared power (the default) and sessions longer than the run: vehicles pile up. Round robin puts as many on
        // 400 kW as on 600 kW, so its vehicles there have 80 % of the power a balanced grid would give; LeastLoad
        // places by capacity.
        using var grid = await TwoSubstationGrid.StartAsync(600, 400, speed: 60, new Dictionary<string, string?> { ["Substation:Allocation"] = "Shared" });
        var output = Path.Combine(Path.GetTempPath(), $"crowding-{Guid.NewGuid():N}");

        var exit = await grid.CompareAsync(output, "--peak", "20", "--ramp-up", "2", "--hold", "4", "--ramp-down", "1");

        Assert.Equal(0, exit);
        double Crowded(string run)
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, run, "summary.json")));
            return summary.RootElement.GetProperty("vehicles").GetProperty("meanCrowdedShare").GetDouble();
        }

        var (leastLoad, roundRobin) = (Crowded("leastload"), Crowded("roundrobin"));
        Assert.True(leastLoad > 0.9, $"LeastLoad's most crowded substation: {leastLoad:P0} of the balanced power per vehicle (RoundRobin {roundRobin:P0}); {output}");
        Assert.True(roundRobin < 0.88, $"RoundRobin's most crowded substation: {roundRobin:P0} of the balanced power per vehicle");
        Assert.Contains("Most crowded substation", await File.ReadAllTextAsync(Path.Combine(output, "comparison.md")), StringComparison.Ordinal);
        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task An_allocation_comparison_runs_fixed_and_shared_power_on_the_same_rush_hour_and_checks_the_capacity_invariant()
    {
        var admin = new Dictionary<string, string?> { ["Substation:AdminKey"] = BalancerHost.AdminKey };
        using var s1 = new SubstationHost("s1", 60, speed: 600, settings: admin);
        using var s2 = new SubstationHost("s2", 40, speed: 600, settings: admin);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address });
        await balancer.PollAsync();
        // The balancer runs on a test clock: move it on so that it keeps polling and sees each switch.
        using var pump = new Timer(_ => balancer.Time.Advance(TimeSpan.FromMilliseconds(500)), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        using var api = new ChargeApiHost(balancer.Address);
        var output = Path.Combine(Path.GetTempPath(), $"allocation-{Guid.NewGuid():N}");
        string[] args = ["rush", "--target", api.Address.ToString(), "--balancer", balancer.Address.ToString(), "--admin-key", BalancerHost.AdminKey,
            "--peak", "20", "--ramp-up", "1", "--hold", "3", "--ramp-down", "1", "--allocations", "Fixed,Shared", "--output", output];

        var exit = await CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System), args);

        Assert.Equal(0, exit); // no errors, and no substation ever above its capacity by its own counters
        Assert.Equal(["allocation.md", "comparison.png", "fixed-power", "shared-power"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order());
        var rows = (await File.ReadAllLinesAsync(Path.Combine(output, "allocation.md"))).Where(l => l.StartsWith("| Fixed |", StringComparison.Ordinal) || l.StartsWith("| Shared |", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToDictionary(c => c[1]);
        Assert.Equal(2, rows.Count);
        int TurnedAway(string mode) => int.Parse(rows[mode][4].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(TurnedAway("Shared") < TurnedAway("Fixed"), $"shared turned away {TurnedAway("Shared")}, fixed {TurnedAway("Fixed")}");
        Assert.All(rows.Values, r => Assert.Equal("0", r[12])); // capacity exceeded
        using var http = s1.Http();
        Assert.Equal(0, await MetricsText.ReadAsync(http, "substation_default_min_watts", ("substation", "s1"))); // left in Fixed
        Directory.Delete(output, recursive: true);
    }

    /// <summary>Two real substations, a balancer on the real clock and the API, on loopback.</summary>
    private sealed class TwoSubstationGrid : IDisposable
    {
        private readonly SubstationHost _s1;
        private readonly SubstationHost _s2;
        private readonly BalancerHost _balancer;
        private readonly ChargeApiHost _api;

        private TwoSubstationGrid(SubstationHost s1, SubstationHost s2, BalancerHost balancer)
        {
            (_s1, _s2, _balancer) = (s1, s2, balancer);
            _api = new ChargeApiHost(balancer.Address);
        }

        public static async Task<TwoSubstationGrid> StartAsync(double capacity1, double capacity2, double speed, IReadOnlyDictionary<string, string?>? settings = null)
        {
            var s1 = new SubstationHost("s1", capacity1, speed: speed, settings: settings);
            var s2 = new SubstationHost("s2", capacity2, speed: speed, settings: settings);
            var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address }, realClock: true);
            await balancer.PollAsync();
            return new TwoSubstationGrid(s1, s2, balancer);
        }

        /// <summary>Compares LeastLoad and RoundRobin on the rush hour <paramref name="profile"/> describes.</summary>
        public Task<int> CompareAsync(string output, params string[] profile) =>
            CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System),
            [
                "rush", "--target", _api.Address.ToString(), "--balancer", _balancer.Address.ToString(), "--admin-key", BalancerHost.AdminKey,
                .. profile, "--compare", "LeastLoad,RoundRobin", "--stale-poll", "0", "--output", output,
            ]);

        public void Dispose()
        {
            _api.Dispose();
            _balancer.Dispose();
            _s2.Dispose();
            _s1.Dispose();
        }
    }
}
