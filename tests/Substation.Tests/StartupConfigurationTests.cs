namespace GridAspire.Substation.Tests;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Substation:CapacityKw", "0", "Substation:CapacityKw")]
    [InlineData("Substation:CapacityKw", "lots", "Substation:CapacityKw")]
    [InlineData("Substation:Id", "no spaces allowed", "Substation:Id")]
    [InlineData("Substation:EndedSessionsKept", "-1", "Substation:EndedSessionsKept")]
    [InlineData("Simulation:Speed", "0", "Simulation:Speed")]
    public void A_bad_setting_stops_the_substation_and_names_the_key(string key, string value, string named)
    {
        var message = StartupFailure.MessageOf(() =>
        {
            using var substation = new SubstationHost("s1", 100, settings: new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains(named, message, StringComparison.Ordinal);
    }
}
