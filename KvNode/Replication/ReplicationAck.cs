namespace GridAspire.KvNode.Replication;

/// <summary>
/// The receiver's answer: its delivered clock. <c>Delivered[sender]</c> is the sender's resume point;
/// anything after it that was lost is sent again; what the receiver buffered behind a missing dependency is sent
/// again only if it is still not delivered after the resend interval.
/// </summary>
/// <param name="Node">The receiving node.</param>
/// <param name="Delivered">The receiver's delivered clock after processing the batch.</param>
public sealed record ReplicationAck(string Node, VectorClock Delivered);
