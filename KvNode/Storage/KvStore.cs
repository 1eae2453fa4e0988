using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Storage;

/// <summary>The key-value map of delivered writes. Deletes stay as tombstones. Not thread-safe: the node serialises access.</summary>
public sealed class KvStore
{
    private readonly Dictionary<string, StoredVersion> _versions = new(StringComparer.Ordinal);

    /// <summary>Number of keys, tombstones included.</summary>
    public int Count => _versions.Count;

    /// <summary>The current version of <paramref name="key"/>, tombstones included.</summary>
    public StoredVersion? Get(string key) => _versions.GetValueOrDefault(key);

    /// <summary>Every current version, in key order.</summary>
    public IEnumerable<StoredVersion> All => _versions.Values.OrderBy(v => v.Key, StringComparer.Ordinal);

    /// <summary>Puts back a version saved in a snapshot.</summary>
    public void Load(StoredVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        _versions[version.Key] = version;
    }

    /// <summary>Applies a delivered write and returns the version the key now has.</summary>
    public StoredVersion Apply(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_versions.TryGetValue(write.Key, out var current))
        {
            return _versions[write.Key] = new StoredVersion(write, SupersededConcurrent: false);
        }

        var concurrent = write.Clock.IsConcurrentWith(current.Clock);
        if (ConflictResolution.Wins(write, current.Write))
        {
            return _versions[write.Key] = new StoredVersion(write, SupersededConcurrent: concurrent);
        }

        return concurrent && !current.SupersededConcurrent
            ? _versions[write.Key] = current with { SupersededConcurrent = true }
            : current;
    }
}
