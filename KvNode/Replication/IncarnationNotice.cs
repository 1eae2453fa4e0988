namespace GridAspire.KvNode.Replication;

/// <summary>
/// A node that starts with an empty data directory tells every peer the clock entry it will write under, before it
/// accepts a write: <c>kv1</c> at its first start, <c>kv1.N</c> after it lost its disk. Peers keep it on disk, so a node
/// that loses its disk learns it existed even when none of its writes ever left that disk; a new incarnation also makes
/// them forget what the lost one acknowledged, so they keep (and re-send) their own writes until the new one has them.
/// </summary>
/// <param name="From">The node id.</param>
/// <param name="Incarnation">The clock entry it writes under: <c>id</c> or <c>id.N</c>.</param>
public sealed record IncarnationNotice(string From, string Incarnation);
