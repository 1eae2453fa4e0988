namespace GridAspire.KvNode.Tests.Integration;

/// <summary>One cluster shared by a class's tests that leave no state behind (they assert exactly that).</summary>
public sealed class ThreeNodeCluster : IAsyncLifetime
{
    public KvCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await KvCluster.StartAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
