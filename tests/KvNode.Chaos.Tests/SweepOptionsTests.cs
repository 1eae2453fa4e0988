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

    [Fact]
    public void Wide_area_puts_every_pair_of_nodes_at_its_own_distance_the_same_in_every_rerun()
    {
        var sweep = new SweepCommandLine((_, _) => Task.FromResult(0));
        var settings = sweep.OptionsFrom(sweep.Root.Parse(["--wide-area", "true"])).Settings;

        var distances = new List<TimeSpan>();
        for (var a = 1; a <= 5; a++)
        {
            for (var b = a + 1; b <= 5; b++)
            {
                var distance = settings.DistanceOf(7, a, b);
                Assert.InRange(distance, ChaosSettings.ShortestDistance, ChaosSettings.LongestDistance);
                Assert.Equal(distance, settings.DistanceOf(7, b, a));
                Assert.Equal(distance, new ChaosSettings(WideArea: true).DistanceOf(7, a, b));
                distances.Add(distance);
            }
        }

        Assert.True(distances.Distinct().Count() >= 8, "pairs should be at different distances");
        Assert.NotEqual(settings.DistanceOf(7, 1, 2), settings.DistanceOf(8, 1, 2));
        Assert.Equal(TimeSpan.Zero, new ChaosSettings().DistanceOf(7, 1, 2));
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
