using GridAspire.KvNode.Chaos.Sweep;

namespace GridAspire.KvNode.Chaos.Tests;

public sealed class SweepOptionsTests
{
    [Fact]
    public void The_long_sweep_command_line_parses()
    {
        var options = SweepOptions.Parse(["--seeds", "200", "--first-seed", "42", "--nodes", "5", "--keep", "true"]);

        Assert.Equal(200, options.Seeds);
        Assert.Equal(42, options.FirstSeed);
        Assert.Equal(5, options.Settings.NodesFor(42));
        Assert.True(options.Settings.KeepData);
    }

    [Theory]
    [InlineData("--keep", "yes", "--keep")]
    [InlineData("--nodes", "7", "--nodes")]
    [InlineData("--seeds", "many", "--seeds")]
    [InlineData("--colour", "red", "--colour")]
    public void A_bad_option_is_refused_with_its_name(string option, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => SweepOptions.Parse([option, value]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
