using GridAspire.CommandLine;
using GridAspire.LoadTester.Cli;
using GridAspire.LoadTester.Reporting;
using GridAspire.LoadTester.RushHour;
using GridAspire.LoadTester.Statistics;
using GridAspire.TestSupport;
using Spectre.Console;

namespace GridAspire.LoadTester.Tests;

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

        var exit = await CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System), args, output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("rush", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("kv", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "rush", "--peak", "lots" }, "--peak")]
    [InlineData(new[] { "rush", "--hold", "0" }, "--hold")]
    [InlineData(new[] { "rush", "--min-kwh", "50", "--max-kwh", "10" }, "--min-kwh")]
    [InlineData(new[] { "rush", "--target", "localhost" }, "--target")]
    [InlineData(new[] { "rush", "--allocations", "Fixed,Generous" }, "--allocations")]
    [InlineData(new[] { "rush", "--allocations", "Fixed,Shared", "--compare", "LeastLoad" }, "--allocations")]
    [InlineData(new[] { "rush", "--kill-at", "soon=kill -9 1" }, "--kill-at")]
    [InlineData(new[] { "rush", "--kill-at", "30" }, "--kill-at")]
    [InlineData(new[] { "rush", "--also-target", "localhost:5081" }, "--also-target")]
    [InlineData(new[] { "kv", "--nodes", "kv1" }, "--nodes")]
    [InlineData(new[] { "kv", "--timeout", "-1" }, "--timeout")]
    public async Task A_bad_command_line_is_refused_naming_the_option_and_runs_nothing(string[] args, string named)
    {
        using var error = new StringWriter();

        var exit = await CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System), args, TextWriter.Null, error);

        Assert.Equal(CommandLineRunner.Failed, exit);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_api_ends_in_one_line_and_exit_2()
    {
        var closed = $"http://127.0.0.1:{LoopbackPorts.Next()}";
        using var error = new StringWriter();

        var exit = await CommandLineRunner.RunAsync(
            LoadTesterCommandLine.Build(SilentConsole.Create(), TimeProvider.System), ["rush", "--target", closed, "--balancer", closed, "--timeout", "2"], TextWriter.Null, error);

        Assert.Equal(CommandLineRunner.Failed, exit);
        Assert.StartsWith("error: could not connect", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_results_folder_that_cannot_be_written_is_refused_before_the_rush_hour_starts()
    {
        var file = Path.GetTempFileName(); // a folder cannot be made under a file, whoever runs the test (root included)
        var closed = $"http://127.0.0.1:{LoopbackPorts.Next()}";
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });

        var exit = await CommandLineRunner.RunAsync(
            LoadTesterCommandLine.Build(console, TimeProvider.System),
            ["rush", "--target", closed, "--balancer", closed, "--output", Path.Combine(file, "results")], TextWriter.Null, TextWriter.Null);
        File.Delete(file);

        Assert.Equal(2, exit); // and not "could not connect": nothing was sent
        Assert.Contains($"Cannot write the results to {Path.Combine(file, "results")}", output.ToString().Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("--user", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_written_to_a_file_or_pipe_keep_each_run_on_one_line()
    {
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = Terminal.RedirectedWidth;

        ConsoleReport.Comparison(console, [Result("LeastLoad, 5 s poll"), Result("NaiveLeastLoaded, 5 s poll")]);

        var lines = text.ToString().Split('\n');
        Assert.Single(lines, l => l.Contains("LeastLoad, 5 s poll", StringComparison.Ordinal) && l.Contains("0.987", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("NaiveLeastLoaded, 5 s poll", StringComparison.Ordinal) && l.Contains("0.987", StringComparison.Ordinal));
    }

    private static RunResult Result(string label) => new()
    {
        Label = label,
        Policy = "LeastLoad",
        PollIntervalSeconds = 5,
        Seed = 42,
        StartUtc = DateTimeOffset.UnixEpoch,
        EndUtc = DateTimeOffset.UnixEpoch.AddMinutes(2),
        Requests = 448,
        Admitted = 440,
        Rejected = 8,
        GridFullRejections = 8,
        AvoidableRejections = 0,
        Errors = 0,
        P50Ms = 3.2,
        P95Ms = 7.9,
        P99Ms = 12.5,
        MaxMs = 40.1,
        KwShare = new Dictionary<string, double> { ["s1"] = 0.4, ["s2"] = 0.3, ["s3"] = 0.3 },
        Hold = new GridFigures(new Dictionary<string, double>(), new Dictionary<string, double>(), 0.7, 0.95, 0.987, 0.95, 0.999, 0.05, 0.2),
        Seconds = [],
    };

    [Fact]
    public async Task Without_an_admin_key_the_AppHosts_local_one_is_used_so_the_documented_command_works_against_it()
    {
        var appsettings = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "AppHost", "appsettings.json")))!;

        Assert.Equal(LoadTesterCommandLine.LocalAdminKey, (string?)appsettings["Parameters"]!["balancer-admin-key"]);
    }
}
