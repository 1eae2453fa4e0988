namespace GridAspire.KvNode.Replication;

/// <summary>Runs every peer link for the lifetime of the node.</summary>
public sealed class ReplicationService(PeerLinks links) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(links.All.Values.Select(link => link.RunAsync(stoppingToken)));
}
