namespace GridAspire.KvNode.Replication;

/// <summary>
/// A member tells a peer the membership changes it knows of, right after one was made there (a join, a removal, a
/// departure). Peers that miss it learn the same from the next replication frame or answer, which carry them too.
/// </summary>
/// <param name="From">The telling node.</param>
/// <param name="Removed">Every member it knows was removed (or left).</param>
/// <param name="Joined">Every member it knows joined after the configured ones, with its address.</param>
public sealed record MembershipNotice(string From, IReadOnlyList<string>? Removed, IReadOnlyDictionary<string, Uri>? Joined = null);
