namespace GridAspire.Substation.Tests;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Substation:CapacityKw", "0", "Substation:CapacityKw")]
    [InlineData("Substation:CapacityKw", "lots", "Substation:CapacityKw")]
    [InlineData("Substation:Id", "no spaces allowed", "Substation:Id")]
    [InlineData("Substation:EndedSessionsKept", "-1", "Substation:EndedSessionsKept")]
    [InlineData("Simulation:Speed", "0", "Simulation:Speed")]
    [InlineData("Substation:Allocation", "Generous", "Substation:Allocation")]
    [InlineData("Substation:DefaultMinKw", "0", "Substation:DefaultMinKw")]
    public async Task A_bad_setting_stops_the_substation_and_names_the_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Substation:Id"] = "s1", ["Substation:CapacityKw"] = "100", [key] = value };

        var message = await StartupFailure.MessageOfStartAsync(b => b.AddSubstation(), settings);

        Assert.Contains(named, message, StringComparison.Ordinal);
    }
}
