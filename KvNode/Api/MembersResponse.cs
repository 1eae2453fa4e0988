namespace GridAspire.KvNode.Api;

/// <summary>The answer of <c>GET /admin/members</c> and of a removal.</summary>
/// <param name="Node">The answering node.</param>
/// <param name="Members">Every member the cluster ever had, active and removed, by id.</param>
/// <param name="Told">After a removal: what each remaining peer answered when told (<c>told</c>, or why not: it learns on its next replication exchange).</param>
public sealed record MembersResponse(string Node, IReadOnlyList<MemberView> Members, IReadOnlyDictionary<string, string>? Told = null);
