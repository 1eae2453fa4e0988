namespace GridAspire.KvNode.Tests.Integration;

/// <summary>One cluster shared by a class's tests that leave no state behind (they assert exactly that).</summary>
public sealed class ThreeNodeCluster : IAsyncLifetime
{
    public KvCluster Cluster { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Cluster = KvCluster.Start(3);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
