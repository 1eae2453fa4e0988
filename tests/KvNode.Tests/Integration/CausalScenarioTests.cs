using GridAspire.KvClient.Scenario;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class CausalScenarioTests
{
    [Fact]
    public async Task The_kvclient_scenario_passes_on_three_real_nodes()
    {
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?> { ["Kv:ContextWaitTimeout"] = "00:00:00.300" });
        using var http = new HttpClient();
        var reporter = new RecordingReporter();
        var scenario = new CausalScenario(
            http, KvCluster.ClusterKey, cluster.Nodes.ToDictionary(n => n.NodeId, n => n.Address), reporter, TimeProvider.System);

        var passed = await scenario.RunAsync();

        Assert.All(reporter.Checks, c => Assert.True(c.Passed, c.Claim));
        Assert.True(passed);
        Assert.Contains(reporter.Checks, c => c.Claim.Contains("before", StringComparison.Ordinal));
        Assert.True(reporter.Checks.Count >= 10);
    }
}
