namespace GridAspire.KvNode.Tests.Integration;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Kv:Durability:Fsync", "batched", "Kv:Durability:Fsync")]
    [InlineData("Kv:Durability:SnapshotEvery", "1", "Kv:Durability:SnapshotEvery")]
    [InlineData("Kv:Durability:SnapshotCpuShare", "0", "Kv:Durability:SnapshotCpuShare")]
    [InlineData("Kv:Durability:CommitDelay", "00:00:01", "Kv:Durability:CommitDelay")]
    [InlineData("Kv:Replication:MaxInFlight", "0", "Kv:Replication:MaxInFlight")]
    [InlineData("Kv:MaxBufferedWrites", "0", "Kv:MaxBufferedWrites")]
    [InlineData("Kv:ClusterKey", "short", "Kv:ClusterKey")]
    [InlineData("Kv:NodeId", "Not An Id", "Kv:NodeId")]
    [InlineData("Kv:MaxBufferedWrites", "lots", "Kv:MaxBufferedWrites")]
    public async Task A_bad_setting_stops_the_node_and_names_the_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kv:NodeId"] = "kv1",
            ["Kv:ClusterKey"] = KvCluster.ClusterKey,
            [key] = value,
        };

        var message = await StartupFailure.MessageOfStartAsync(b => b.AddKvNode(), settings);

        Assert.Contains(named, message, StringComparison.Ordinal);
    }
}
