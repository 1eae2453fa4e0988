namespace GridAspire.Explorer.Collection;

/// <summary>What a node's <c>GET /admin/members</c> says, as far as the explorer reads it.</summary>
/// <param name="Node">The answering node.</param>
/// <param name="Members">Every member the cluster has had.</param>
public sealed record MemberListing(string Node, IReadOnlyList<MemberListing.Member> Members)
{
    /// <summary>One member.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Url">Where it serves (null when the answering node does not know).</param>
    /// <param name="State"><c>joining</c>, <c>active</c>, <c>leaving</c> or <c>removed</c>.</param>
    public sealed record Member(string Id, Uri? Url, string State);
}
