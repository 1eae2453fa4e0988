namespace GridAspire.KvNode.Replication;

/// <summary>
/// A node that lost its disk tells a peer the clock entry it writes under from now on. The peer forgets what the
/// lost incarnation acknowledged, so it keeps (and re-sends) its own writes until the new incarnation has them.
/// </summary>
/// <param name="From">The node id.</param>
/// <param name="Incarnation">Its new clock entry, <c>id.N</c>.</param>
public sealed record RejoinNotice(string From, string Incarnation);
