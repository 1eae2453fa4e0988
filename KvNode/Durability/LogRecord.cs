using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>One entry of the write-ahead log: a write this node made or delivered, or a peer's acknowledgement.</summary>
/// <param name="Write">The write, own or delivered, in the order it was applied.</param>
/// <param name="Peer">For an acknowledgement: the peer.</param>
/// <param name="Acked">For an acknowledgement: the highest own sequence the peer has delivered.</param>
public sealed record LogRecord(ReplicatedWrite? Write = null, string? Peer = null, long? Acked = null);
