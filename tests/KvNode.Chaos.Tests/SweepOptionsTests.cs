using GridAspire.CommandLine;
using GridAspire.KvNode.Chaos.Sweep;

namespace GridAspire.KvNode.Chaos.Tests;

public sealed class SweepOptionsTests
{
    [Fact]
    public void The_long_sweep_command_line_parses()
    {
        var sweep = new SweepCommandLine((_, _) => Task.FromResult(0));

        var parse = sweep.Root.Parse(["--seeds", "200", "--first-seed", "42", "--nodes", "5", "--keep", "true"]);
        var options = sweep.OptionsFrom(parse);

        Assert.Empty(parse.Errors);
        Assert.Equal(200, options.Seeds);
        Assert.Equal(42, options.FirstSeed);
        Assert.Equal(5, options.Settings.NodesFor(42));
        Assert.True(options.Settings.KeepData);
    }

    [Theory]
    [InlineData("--keep", "yes", "yes")]
    [InlineData("--nodes", "7", "--nodes")]
    [InlineData("--seeds", "many", "--seeds")]
    [InlineData("--colour", "red", "--colour")]
    public async Task A_bad_option_is_refused_with_its_name_and_nothing_runs(string option, string value, string named)
    {
        var ran = false;
        var sweep = new SweepCommandLine((_, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        });
        using var error = new StringWriter();

        var exit = await CommandLineRunner.RunAsync(sweep.Root, [option, value], TextWriter.Null, error);

        Assert.Equal(CommandLineRunner.Failed, exit);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.False(ran);
    }

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("-h")]
    [InlineData("--help")]
    public async Task Help_and_no_arguments_print_the_usage_and_run_nothing(params string[] args)
    {
        var ran = false;
        var sweep = new SweepCommandLine((_, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        });
        using var output = new StringWriter();

        var exit = await CommandLineRunner.RunAsync(sweep.Root, args, output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("--first-seed", output.ToString(), StringComparison.Ordinal);
        Assert.False(ran);
    }
}
