using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Collection;

/// <summary>
/// Every node's events in the order the explorer received them (bounded: the oldest go first), for the pages watching
/// and for the ShiViz export. A page that reads slower than the nodes work loses its oldest queued events, never slows
/// the collection.
/// </summary>
public sealed class EventLog(IOptions<ExplorerOptions> options)
{
    private const int PageQueue = 50_000;
    private readonly Lock _gate = new();
    private readonly LinkedList<LoggedEvent> _events = new();
    private readonly List<Channel<LoggedEvent>> _pages = [];
    private readonly int _limit = options.Value.History;
    private long _order;

    /// <summary>Numbers <paramref name="observed"/> in arrival order, keeps it and passes it to every page.</summary>
    public LoggedEvent Add(NodeEvent observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        lock (_gate)
        {
            var numbered = new LoggedEvent(++_order, observed);
            _events.AddLast(numbered);
            if (_events.Count > _limit)
            {
                _events.RemoveFirst();
            }

            foreach (var page in _pages)
            {
                page.Writer.TryWrite(numbered);
            }

            return numbered;
        }
    }

    /// <summary>What is kept, oldest first.</summary>
    public IReadOnlyList<LoggedEvent> All()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>Forgets every kept event (a fresh diagram); pages keep what they drew.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    /// <summary>What is kept after <paramref name="afterOrder"/>, then every new event, until cancelled.</summary>
    public async IAsyncEnumerable<LoggedEvent> WatchAsync(long afterOrder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LoggedEvent>(
            new BoundedChannelOptions(PageQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            foreach (var kept in _events.Where(e => e.Order > afterOrder))
            {
                channel.Writer.TryWrite(kept);
            }

            _pages.Add(channel);
        }

        try
        {
            await foreach (var observed in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return observed;
            }
        }
        finally
        {
            lock (_gate)
            {
                _pages.Remove(channel);
            }
        }
    }
}
