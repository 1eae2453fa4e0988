namespace GridAspire.KvNode.Replication;

/// <summary>What receiving one batch did, for its acknowledgement.</summary>
/// <param name="Delivered">The delivered clock after it.</param>
/// <param name="Position">The journal position that must be durable before the acknowledgement leaves.</param>
/// <param name="Refused">Writes turned away because the delivery buffer was full (the sender sends them again).</param>
public readonly record struct BatchReceipt(VectorClock Delivered, long Position, int Refused);
