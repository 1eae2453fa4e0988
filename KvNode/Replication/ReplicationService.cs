namespace GridAspire.KvNode.Replication;

/// <summary>Runs every peer link for the lifetime of the node (or until its peer is removed).</summary>
public sealed class ReplicationService(PeerLinks links) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => links.RunAsync(stoppingToken);
}
