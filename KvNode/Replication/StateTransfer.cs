using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// A node's state for a peer that lacks part of it: the current version of every key whose write the peer has not
/// delivered, and the delivered clock they add up to. Merging it is as if the peer had delivered every write the clock
/// covers (conflict resolution is a join, so the versions that lost or were overwritten do not matter).
/// </summary>
/// <param name="From">The node whose state it is.</param>
/// <param name="Clock">Its delivered clock when the state was taken.</param>
/// <param name="Writes">Its current versions (tombstones included) that the asking node's clock did not cover.</param>
public sealed record StateTransfer(string From, VectorClock Clock, IReadOnlyList<ReplicatedWrite> Writes);
