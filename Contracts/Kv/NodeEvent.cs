namespace GridAspire.Contracts.Kv;

/// <summary>
/// One thing a node did, as a space-time diagram draws it. Values are never included: keys, clocks and ids are enough to
/// follow causality, and the stream stays safe to show on a screen.
/// </summary>
/// <param name="Kind">What happened (see <see cref="NodeEventKind"/>).</param>
/// <param name="Clock">The node's delivered clock right after the event.</param>
/// <param name="Key">The key of the write it concerns, if one.</param>
/// <param name="Origin">The node that made that write.</param>
/// <param name="Sequence">The write's counter at its origin: (<paramref name="Origin"/>, <paramref name="Sequence"/>) names it.</param>
/// <param name="WriteClock">The write's vector clock: its causal past.</param>
/// <param name="Peer">The other end of a batch or link.</param>
/// <param name="SentAs">On a received batch: the id of the sender's <c>send</c> event, so the arrow can be drawn.</param>
/// <param name="Writes">On a batch: the writes it carries, as <c>origin:sequence</c>.</param>
/// <param name="Missing">On a buffered write: the entries of its clock this node has not delivered yet, with the counter each needs.</param>
/// <param name="Detail">A short human-readable note (why, how).</param>
public sealed record NodeEvent(
    string Kind,
    VectorClock Clock,
    string? Key = null,
    string? Origin = null,
    long? Sequence = null,
    VectorClock? WriteClock = null,
    string? Peer = null,
    long? SentAs = null,
    IReadOnlyList<string>? Writes = null,
    VectorClock? Missing = null,
    string? Detail = null)
{
    /// <summary>The event's number at its node, from 1, in the order the node did things.</summary>
    public long Id { get; init; }

    /// <summary>The node the event happened at.</summary>
    public string Node { get; init; } = "";

    /// <summary>Wall-clock time, Unix milliseconds (for display only: order comes from <see cref="Id"/> and clocks).</summary>
    public long Time { get; init; }
}
