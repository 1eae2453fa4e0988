namespace GridAspire.KvNode.Api;

/// <summary>One member of the cluster as a node knows it.</summary>
/// <param name="Id">The node id.</param>
/// <param name="Url">Where it serves, as configured.</param>
/// <param name="State"><c>active</c> (replicated with) or <c>removed</c> (gone for good; its id is never reused).</param>
/// <param name="Self">True for the answering node.</param>
/// <param name="Reachable">Whether the answering node's replication stream to it is open now (null for itself and removed members).</param>
public sealed record MemberView(string Id, Uri? Url, string State, bool Self, bool? Reachable);
