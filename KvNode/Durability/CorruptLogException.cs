namespace GridAspire.KvNode.Durability;

/// <summary>The log is damaged somewhere other than its last record: start-up stops rather than guess.</summary>
public sealed class CorruptLogException(string path, long offset, string reason)
    : IOException($"Write-ahead log {path} is corrupt at byte offset {offset}: {reason}. Restore the data directory from a replica or a backup.")
{
    /// <summary>The log file.</summary>
    public string Path { get; } = path;

    /// <summary>Where the damage starts.</summary>
    public long Offset { get; } = offset;
}
