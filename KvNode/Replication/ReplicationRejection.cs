namespace GridAspire.KvNode.Replication;

/// <summary>Why a replication batch was refused.</summary>
/// <param name="Category">One of a fixed set (malformed, unknown_sender, too_large, origin_mismatch, unknown_node,
/// invalid_counter, future_counter, invalid_key_or_value, removed_member): safe as a metric label.</param>
/// <param name="Detail">What exactly was wrong, for the log and the problem response.</param>
public sealed record ReplicationRejection(string Category, string Detail);
