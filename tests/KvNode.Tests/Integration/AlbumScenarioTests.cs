using GridAspire.KvClient.Scenario;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class AlbumScenarioTests
{
    [Fact]
    public async Task The_album_scenario_shows_the_anomaly_with_single_reads_and_none_with_batch_reads_on_real_nodes()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        var reporter = new RecordingReporter();
        var scenario = new AlbumScenario(http, KvCluster.ClusterKey, cluster.Nodes.ToDictionary(n => n.NodeId, n => n.Address), reporter);

        var passed = await scenario.RunAsync();

        Assert.All(reporter.Checks, c => Assert.True(c.Passed, c.Claim));
        Assert.True(passed);
        Assert.Contains(reporter.Checks, c => c.Claim.Contains("single reads paired", StringComparison.Ordinal));
        Assert.Equal(3, reporter.Checks.Count(c => c.Claim.Contains("does not pair", StringComparison.Ordinal)));
        Assert.False((await cluster["kv1"].StatusAsync()).Peers["kv2"].Held);
    }
}
