using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Events;

/// <summary>
/// The node's events, numbered in the order they happened, for the watchers of <c>GET /events</c>. Publishing costs one
/// volatile read while nobody watches; while someone does it is an append to a ring and one non-blocking write per
/// watcher, cheap enough to do under the node's lock (which is what makes the order exact). A slow watcher loses its
/// oldest queued events, never slows the node.
/// </summary>
public sealed class NodeEventFeed
{
    private readonly Lock _gate = new();
    private readonly NodeEvent?[] _history;
    private readonly List<Channel<NodeEvent>> _watchers = [];
    private readonly string _nodeId;
    private readonly int _queue;
    private readonly TimeProvider _time;
    private readonly KvMetrics _metrics;
    private readonly ILogger<NodeEventFeed> _logger;
    private long _lastId;
    private volatile bool _watched;

    /// <summary>Creates the stream of the node described by <paramref name="options"/>.</summary>
    public NodeEventFeed(IOptions<KvOptions> options, TimeProvider time, KvMetrics metrics, ILogger<NodeEventFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _nodeId = options.Value.NodeId;
        _history = new NodeEvent?[options.Value.Events.History];
        _queue = options.Value.Events.WatcherQueue;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Pulses whenever a watcher connects or leaves.</summary>
    public AsyncSignal WatchersChanged { get; } = new();

    /// <summary>How many watchers are connected.</summary>
    public int Watchers
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>True while at least one watcher is connected; check it before building an event.</summary>
    public bool IsWatched => _watched;

    /// <summary>Numbers <paramref name="nodeEvent"/> and hands it to every watcher. Returns its id, or 0 when nobody watches.</summary>
    public long Publish(NodeEvent nodeEvent)
    {
        ArgumentNullException.ThrowIfNull(nodeEvent);
        if (!_watched)
        {
            return 0;
        }

        lock (_gate)
        {
            var numbered = nodeEvent with { Id = ++_lastId, Node = _nodeId, Time = _time.GetUtcNow().ToUnixTimeMilliseconds() };
            if (_history.Length > 0)
            {
                _history[numbered.Id % _history.Length] = numbered;
            }

            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(numbered);
            }

            return numbered.Id;
        }
    }

    /// <summary>
    /// The events after <paramref name="afterId"/> that are still in the history, then every new one, until
    /// <paramref name="cancellationToken"/> fires. An id this node never gave (it restarted since) replays the whole history.
    /// </summary>
    public async IAsyncEnumerable<NodeEvent> WatchAsync(long afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<NodeEvent>(
            new BoundedChannelOptions(_queue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => _metrics.EventsDropped());
        int watchers;
        lock (_gate)
        {
            var from = afterId > _lastId ? 0 : afterId;
            for (var id = Math.Max(from + 1, _lastId - _history.Length + 1); id <= _lastId && _history.Length > 0; id++)
            {
                if (_history[id % _history.Length] is { } kept && kept.Id == id)
                {
                    channel.Writer.TryWrite(kept);
                }
            }

            _watchers.Add(channel);
            watchers = _watchers.Count;
            _watched = true;
        }

        KvLog.WatcherConnected(_logger, _nodeId, watchers);
        WatchersChanged.Pulse();
        try
        {
            await foreach (var nodeEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return nodeEvent;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
                watchers = _watchers.Count;
                _watched = watchers > 0;
            }

            KvLog.WatcherDisconnected(_logger, _nodeId, watchers);
            WatchersChanged.Pulse();
        }
    }
}
