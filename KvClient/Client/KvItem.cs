namespace GridAspire.KvClient.Client;

/// <summary>A key's version as a node returned it.</summary>
public sealed record KvItem(
    string Key,
    string? Value,
    IReadOnlyDictionary<string, long> Clock,
    string Node,
    string Origin,
    bool Deleted,
    bool SupersededConcurrent);
