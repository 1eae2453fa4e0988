namespace GridAspire.Balancer.Tests;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Balancer:Policy", "Astrology", "Balancer:Policy")]
    [InlineData("Balancer:PollInterval", "00:00:00", "Balancer:PollInterval")]
    [InlineData("Balancer:PollJitter", "2", "Balancer:PollJitter")]
    [InlineData("Balancer:ResponseTimeout", "01:00:00", "Balancer:ResponseTimeout")]
    [InlineData("Balancer:AdminKey", "short", "Balancer:AdminKey")]
    [InlineData("Balancer:RequestDeadline", "soon", "Balancer:RequestDeadline")]
    [InlineData("Balancer:Substations:s1", "not-a-url", "Balancer:Substations")]
    public async Task A_bad_setting_stops_the_balancer_and_names_the_key(string key, string value, string named)
    {
        var message = await StartupFailure.MessageOfStartAsync(b => b.AddBalancer(), new Dictionary<string, string?> { [key] = value });

        Assert.Contains(named, message, StringComparison.Ordinal);
    }
}
