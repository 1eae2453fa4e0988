using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Replication;

/// <summary>One <see cref="PeerLink"/> per member this node replicates with: the configured peers less the removed ones.</summary>
public sealed class PeerLinks
{
    /// <summary>Name of the HttpClient of the requests to peers besides the streams (status, state, incarnation).</summary>
    public const string HttpClientName = "replication";

    private readonly IReplicationSource _node;
    private IReadOnlyDictionary<string, PeerLink> _active;

    /// <summary>Creates the links of the configured peers that were not removed.</summary>
    public PeerLinks(
        IOptions<KvOptions> options,
        IReplicationSource node,
        PeerConnector connector,
        TimeProvider time,
        NodeEventFeed events,
        KvMetrics metrics,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(loggers);
        var kv = options.Value;
        _node = node;
        _active = kv.OtherPeers.Where(p => !node.IsRemoved(p.Key)).ToDictionary(
            p => p.Key,
            p => new PeerLink(
                p.Key, p.Value, node, connector, kv.Replication, time,
                new LinkReporter(p.Key, node, events, metrics, loggers.CreateLogger($"{typeof(PeerLink).FullName}.{p.Key}"))),
            StringComparer.Ordinal);
    }

    /// <summary>Links by peer id: the members replicated with now (a removed member's link is gone).</summary>
    public IReadOnlyDictionary<string, PeerLink> All => Volatile.Read(ref _active);

    /// <summary>Runs every link until <paramref name="stoppingToken"/> fires; a link whose peer is removed (or this node) stops then.</summary>
    public Task RunAsync(CancellationToken stoppingToken) => Task.WhenAll(All.Values.Select(link => RunLinkAsync(link, stoppingToken)));

    private async Task RunLinkAsync(PeerLink link, CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var removed = WhenRemovedAsync(link.PeerId, running.Token);
        var replicating = link.RunAsync(running.Token);
        if (await Task.WhenAny(removed, replicating) == removed && !stoppingToken.IsCancellationRequested)
        {
            var remaining = All.Where(l => l.Key != link.PeerId).ToDictionary(StringComparer.Ordinal);
            Volatile.Write(ref _active, remaining);
        }

        await running.CancelAsync();
        try
        {
            await replicating;
        }
        catch (Exception) when (running.IsCancellationRequested)
        {
            // Stopped on purpose: whatever the link was doing (a send, a back-off) ends with it.
        }

        await removed;
    }

    // Completes once the peer, or this node, was removed from the cluster, or the link stops.
    private async Task WhenRemovedAsync(string peer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = _node.MembershipChanged.Next;
            if (_node.IsRemoved(peer) || _node.IsRemoved(_node.NodeId))
            {
                return;
            }

            await next.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
