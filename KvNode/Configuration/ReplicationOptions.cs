using System.ComponentModel.DataAnnotations;

namespace GridAspire.KvNode.Configuration;

/// <summary>How an origin streams its writes to each peer, and sends them again until they are acknowledged.</summary>
public sealed record ReplicationOptions
{
    /// <summary>
    /// Most writes in one frame of a link's stream. A link sends whatever is durable and not yet sent as soon as it can,
    /// without waiting for anything: a quiet link sends each write at once, and under load writes gather into a frame
    /// while the previous one is being written, with no fixed delay.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>
    /// Most own writes in flight to one peer (sent, not yet acknowledged). Several frames go before the first is
    /// acknowledged, so a link's throughput does not depend on its round trip: it carries up to this many writes per
    /// round trip (100,000 writes/s at 100 ms with the default).
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>
    /// Wait before sending again what follows the peer's acknowledged position, after a frame was lost (fault injection)
    /// or the peer turned writes away because its buffer was full. Writes the peer holds in its buffer behind another
    /// origin's are never sent again: it delivers them when their causal past arrives.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First back-off after a peer could not be reached; doubles up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The back-off after <paramref name="current"/>: twice as long, at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan NextBackoff(TimeSpan current) => TimeSpan.FromTicks(Math.Min(current.Ticks * 2, MaxBackoff.Ticks));

    /// <summary>Longest back-off while a peer is down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Timeout of one request to a peer, of opening a stream, and of a stream's silence: a stream whose peer does not
    /// answer a ping within it is dropped and opened again. (A peer whose disk stalls answers pings but acknowledges
    /// nothing until it resumes: its stream stays open, and what is in flight waits.)
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an open stream is pinged: a peer that went away without closing it is noticed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Timeout of one state transfer: a node that lost its disk takes a peer's whole store, and nodes hand each other the
    /// writes of a lost incarnation that reached only some of them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StateTransferTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often an idle link asks its peer for its delivered clock while deletes wait here to become causally stable
    /// (and their tombstones to be forgotten), or while nodes may disagree about a lost incarnation's writes. Links that
    /// carry writes learn it from every acknowledgement anyway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ClockExchangeInterval { get; init; } = TimeSpan.FromSeconds(1);
}
