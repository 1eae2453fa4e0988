namespace GridAspire.Deployment.Tests;

/// <summary>The rule that lets `dotnet test` pass with only the SDK while CI runs every test.</summary>
public sealed class OutsideToolTests
{
    [Fact]
    public void A_missing_program_skips_its_test_naming_it_and_how_to_get_it()
    {
        var reason = OutsideTool.SkipReason("kubectl", "apt-get install kubectl", present: false, required: false);

        Assert.NotNull(reason);
        Assert.Contains("needs kubectl", reason, StringComparison.Ordinal);
        Assert.Contains("apt-get install kubectl", reason, StringComparison.Ordinal);
        Assert.Contains(OutsideTool.RequireVariable, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_present_program_or_a_ci_run_never_skips()
    {
        Assert.Null(OutsideTool.SkipReason("kubectl", "apt-get install kubectl", present: true, required: false));
        Assert.Null(OutsideTool.SkipReason("kubectl", "apt-get install kubectl", present: false, required: true));
    }
}
