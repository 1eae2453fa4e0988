namespace GridAspire.KvNode.Durability;

/// <summary>
/// The write-ahead log could not be written or flushed. The node no longer promises durability, so it acknowledges
/// nothing more: every waiting and later write fails with this, and the node refuses writes until it is restarted.
/// </summary>
public sealed class JournalFailedException(Exception cause)
    : IOException($"The write-ahead log failed ({cause?.Message}); this node acknowledges no more writes until it is restarted.", cause);
