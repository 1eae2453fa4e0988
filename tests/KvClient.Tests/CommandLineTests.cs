using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GridAspire.CommandLine;
using GridAspire.KvClient.Cli;
using GridAspire.TestSupport;
using Spectre.Console;

namespace GridAspire.KvClient.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("-h")]
    [InlineData("--help")]
    public async Task Help_and_no_arguments_print_the_usage_and_exit_0(params string[] args)
    {
        using var output = new StringWriter();

        var exit = await CommandLineRunner.RunAsync(KvClientCommandLine.Build(Silent()), args, output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("put <key> <value>", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("scenario", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("read <keys>", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "put", "x" }, "Required argument missing")]
    [InlineData(new[] { "get", "x", "--timeout", "soon" }, "--timeout")]
    [InlineData(new[] { "get", "x", "--node", "not-a-url" }, "--node")]
    [InlineData(new[] { "scenario", "causal", "--nodes", "kv1=http://127.0.0.1:1" }, "kv2")]
    [InlineData(new[] { "scenario", "album", "--nodes", "kv1=http://127.0.0.1:1" }, "kv2")]
    [InlineData(new[] { "read" }, "Required argument missing")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public async Task A_bad_command_line_is_one_error_naming_the_problem_and_exit_2(string[] args, string named)
    {
        using var error = new StringWriter();

        var exit = await CommandLineRunner.RunAsync(KvClientCommandLine.Build(Silent()), args, TextWriter.Null, error);

        Assert.Equal(CommandLineRunner.Failed, exit);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_accepts_and_never_answers_costs_the_timeout_and_ends_in_one_line_not_a_crash()
    {
        // The kernel completes connections into the backlog; nobody ever reads them: a hung node.
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        var node = $"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}";
        var client = typeof(KvClientCommandLine).Assembly.Location;
        var session = Path.Combine(Path.GetTempPath(), $"kvclient-session-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();

        var (exit, output) = await ProcessRunner.RunAsync(
            "dotnet", [client, "get", "x", "--node", node, "--timeout", "1", "--session", session], Path.GetTempPath(), TimeSpan.FromSeconds(30));

        Assert.Equal(CommandLineRunner.Failed, exit);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Contains("no answer within --timeout", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(session));
    }

    private static IAnsiConsole Silent() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    [Fact]
    public async Task Without_a_cluster_key_the_AppHosts_local_one_is_used_so_the_scenario_works_against_it()
    {
        var appsettings = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "AppHost", "appsettings.json")))!;

        Assert.Equal(Defaults.ClusterKey, (string?)appsettings["Parameters"]!["kv-cluster-key"]);
    }
}
