namespace GridAspire.KvNode.Replication;

/// <summary>A node asks a member to add it to the cluster (<see cref="ReplicationProtocol.JoinPath"/>).</summary>
/// <param name="Id">The new node's id: never used in this cluster before.</param>
/// <param name="Url">Where the members reach it.</param>
public sealed record JoinRequest(string Id, Uri Url);
