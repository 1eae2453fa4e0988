namespace GridAspire.Explorer.Collection;

/// <summary>
/// One event of one KV node, as its <c>GET /events</c> sent it (see the node's <c>NodeEvent</c>), plus the order in which
/// the explorer received it. Clocks are maps of node id to counter.
/// </summary>
/// <param name="Id">The event's number at its node, from 1.</param>
/// <param name="Node">The node it happened at.</param>
/// <param name="Kind">write, send, dropped, receive, buffered, delivered, duplicate, refused, link or behind.</param>
/// <param name="Time">Unix milliseconds at the node.</param>
/// <param name="Clock">The node's delivered clock right after it.</param>
/// <param name="Key">The key of the write it concerns.</param>
/// <param name="Origin">The write's origin.</param>
/// <param name="Sequence">The write's counter at its origin.</param>
/// <param name="WriteClock">The write's clock.</param>
/// <param name="Peer">The other end of a batch or a link.</param>
/// <param name="SentAs">On a receive: the id of the sender's send event.</param>
/// <param name="Writes">On a batch: its writes as origin:sequence.</param>
/// <param name="Missing">On a buffered write: the entries it still needs.</param>
/// <param name="Detail">A short note.</param>
public sealed record ObservedEvent(
    long Id,
    string Node,
    string Kind,
    long Time,
    IReadOnlyDictionary<string, long> Clock,
    string? Key = null,
    string? Origin = null,
    long? Sequence = null,
    IReadOnlyDictionary<string, long>? WriteClock = null,
    string? Peer = null,
    long? SentAs = null,
    IReadOnlyList<string>? Writes = null,
    IReadOnlyDictionary<string, long>? Missing = null,
    string? Detail = null)
{
    /// <summary>Position in the order the explorer received events, across all nodes, from 1.</summary>
    public long Order { get; init; }
}
