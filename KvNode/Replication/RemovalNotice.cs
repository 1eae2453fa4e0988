namespace GridAspire.KvNode.Replication;

/// <summary>
/// A member tells a peer which members were removed from the cluster, right after an operator removed one there. Peers
/// that miss it learn the same from the next replication frame or answer, which carries the removals too.
/// </summary>
/// <param name="From">The telling node.</param>
/// <param name="Removed">Every member it knows was removed.</param>
public sealed record RemovalNotice(string From, IReadOnlyList<string> Removed);
