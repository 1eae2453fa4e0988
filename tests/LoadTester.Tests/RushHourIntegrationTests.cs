using System.Text.Json;
using GridAspire.Balancer.Tests;
using GridAspire.ChargeRequest.Tests;
using GridAspire.LoadTester.Cli;
using GridAspire.Substation.Tests;
using Spectre.Console;

namespace GridAspire.LoadTester.Tests;

public sealed class RushHourIntegrationTests
{
    [Fact]
    public async Task A_ten_second_rush_hour_against_the_local_system_has_no_errors_and_a_well_formed_summary()
    {
        using var s1 = new SubstationHost("s1", 200, speed: 3600);
        using var s2 = new SubstationHost("s2", 100, speed: 3600);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address });
        await balancer.PollAsync();
        using var api = new ChargeApiHost(balancer.Address);
        var output = Path.Combine(Path.GetTempPath(), $"rush-{Guid.NewGuid():N}");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
        string[] args = ["--target", api.Address.ToString(), "--balancer", balancer.Address.ToString(), "--peak", "10",
            "--ramp-up", "2", "--hold", "6", "--ramp-down", "2", "--seed", "5", "--output", output];

        var exit = await RushHourCommand.RunAsync(Settings.Parse(args), console, TimeProvider.System, CancellationToken.None);

        Assert.Equal(0, exit);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        var requests = root.GetProperty("requests").GetInt64();
        Assert.InRange(requests, 40, 120); // 10/s for an 8-second-equivalent area
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal(requests, root.GetProperty("admitted").GetInt64() + root.GetProperty("rejected").GetInt64());
        Assert.True(root.GetProperty("startUnixMs").GetInt64() < root.GetProperty("endUnixMs").GetInt64());
        Assert.Equal("LeastLoad", root.GetProperty("policy").GetString());
        Assert.InRange(root.GetProperty("jainIndex").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("latencyMs").GetProperty("p99Ms").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("kwShare").EnumerateObject().Count());
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "timeseries.csv"));
        Assert.StartsWith("second,sent,admitted,rejected,errors,p50_ms,p95_ms,p99_ms,load_kw_s1", csv[0], StringComparison.Ordinal);
        Assert.True(csv.Length > 10);
        Assert.All(new[] { "load-per-substation.png", "latency.png", "admissions.png" }, png => Assert.True(new FileInfo(Path.Combine(output, png)).Length > 1000));
        Directory.Delete(output, recursive: true);
    }
}
