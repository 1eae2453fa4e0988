using System.ComponentModel.DataAnnotations;

namespace GridAspire.KvNode.Configuration;

/// <summary>The node's event stream, <c>GET /events</c> (section <c>Kv:Events</c>).</summary>
public sealed record EventsOptions
{
    /// <summary>
    /// Most recent events kept for a watcher that connects or reconnects (<c>Last-Event-ID</c>). Events are recorded only
    /// while someone watches, so an unwatched node pays nothing for them.
    /// </summary>
    [Range(0, 100_000)]
    public int History { get; init; } = 2_000;

    /// <summary>
    /// Most events queued for one watcher. A watcher that reads slower than the node works loses its oldest queued
    /// events (counted by <c>kv.events.dropped</c>); it never slows the node.
    /// </summary>
    [Range(16, 1_000_000)]
    public int WatcherQueue { get; init; } = 4_096;
}
