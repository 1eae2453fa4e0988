using System.Net;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// A peer answered, and refused the batch: it does not accept this node's cluster key (401), or it found the batch
/// invalid (400). Unlike an outage, retrying will not help until someone fixes the configuration.
/// </summary>
public sealed class PeerRefusedException(string message) : Exception(message)
{
    /// <summary>The members the refusing peer knows were removed, when it said (this node may be one of them).</summary>
    public IReadOnlyList<string>? Removed { get; init; }

    /// <summary>The refusal a response stands for, or null when it is not one.</summary>
    public static PeerRefusedException? From(HttpStatusCode status, string peer, string? detail) => status switch
    {
        HttpStatusCode.Unauthorized =>
            new($"{peer} rejects this node's cluster key (401): Kv:ClusterKey must be the same on every node"),
        HttpStatusCode.Forbidden =>
            new($"{peer} does not accept this node's cluster key (403: {detail}): Kv:ClusterKey must be the same on every node"),
        HttpStatusCode.Gone => new($"{peer} says this node was removed from the cluster (410): {detail}"),
        HttpStatusCode.BadRequest =>
            new($"{peer} refused a batch as invalid (400): {detail}. Are both nodes the same version and cluster?"),
        _ => null,
    };
}
