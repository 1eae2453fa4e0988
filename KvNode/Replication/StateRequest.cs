namespace GridAspire.KvNode.Replication;

/// <summary>A node asks a peer for the part of its state it lacks.</summary>
/// <param name="From">The asking node.</param>
/// <param name="Known">The asking node's delivered clock: versions it covers are not sent.</param>
public sealed record StateRequest(string From, VectorClock Known);
