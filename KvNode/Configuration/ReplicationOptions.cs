using System.ComponentModel.DataAnnotations;

namespace GridAspire.KvNode.Configuration;

/// <summary>How an origin re-sends its writes to a peer until they are acknowledged.</summary>
public sealed record ReplicationOptions
{
    /// <summary>Most writes sent in one request.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>
    /// Shortest time between two batches on a link, unless a batch is full. A link that has been quiet for this long
    /// sends a write at once; under load, writes gather for up to this long into one batch. A batch costs a request
    /// and a disk flush at the peer whatever its size, and clients are acknowledged once their write is durable at
    /// their node, not when it is replicated, so this delays only visibility at the peers, and only under load.
    /// Zero sends every batch at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Wait before re-sending writes that were sent but not acknowledged (lost, or buffered at the peer until what they
    /// depend on arrives from other origins). Until then the link sends only newer writes.
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

    /// <summary>Timeout of one replication request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

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
