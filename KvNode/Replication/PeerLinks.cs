using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// One <see cref="PeerLink"/> per member this node replicates with: the configured peers and those that joined, less
/// the removed ones. Links start as members join and stop as they are removed.
/// </summary>
public sealed class PeerLinks
{
    /// <summary>Name of the HttpClient of the requests to peers besides the streams (status, state, incarnation).</summary>
    public const string HttpClientName = "replication";

    private readonly IReplicationSource _node;
    private readonly Func<string, Uri, PeerLink> _create;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, PeerLink> _active = new Dictionary<string, PeerLink>(StringComparer.Ordinal);

    /// <summary>Creates the links of the members known now.</summary>
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
        var replication = options.Value.Replication;
        _node = node;
        _create = (peer, address) => new PeerLink(
            peer, address, node, connector, replication, time,
            new LinkReporter(peer, node, events, metrics, loggers.CreateLogger($"{typeof(PeerLink).FullName}.{peer}")));
        Sync();
    }

    /// <summary>Links by peer id: the members replicated with now (a removed member's link is gone).</summary>
    public IReadOnlyDictionary<string, PeerLink> All => Volatile.Read(ref _active);

    /// <summary>Pulses whenever a link was added.</summary>
    public Core.AsyncSignal Added { get; } = new();

    /// <summary>Creates a link for every member that has none yet (a member joined); <see cref="RunAsync"/> starts it.</summary>
    public void Sync()
    {
        var added = false;
        lock (_gate)
        {
            foreach (var peer in _node.Peers)
            {
                if (!_created.Contains(peer) && !_node.IsRemoved(peer) && _node.AddressOfMember(peer) is { } address)
                {
                    _created.Add(peer);
                    Volatile.Write(ref _active, new Dictionary<string, PeerLink>(All, StringComparer.Ordinal) { [peer] = _create(peer, address) });
                    added = true;
                }
            }
        }

        if (added)
        {
            Added.Pulse();
        }
    }

    /// <summary>
    /// Runs every link until <paramref name="stoppingToken"/> fires: those of members that join are started as they
    /// join, and a link whose peer is removed (or this node) stops then.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = Task.WhenAny(_node.MembershipChanged.Next, Added.Next);
            Sync();
            foreach (var link in All.Values.Where(l => !running.ContainsKey(l.PeerId)))
            {
                running[link.PeerId] = RunLinkAsync(link, stoppingToken);
            }

            await changed.WaitAsync(stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        await Task.WhenAll(running.Values);
    }

    private async Task RunLinkAsync(PeerLink link, CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var removed = WhenRemovedAsync(link.PeerId, running.Token);
        var replicating = link.RunAsync(running.Token);
        if (await Task.WhenAny(removed, replicating) == removed && !stoppingToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                Volatile.Write(ref _active, All.Where(l => l.Key != link.PeerId).ToDictionary(StringComparer.Ordinal));
            }
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
