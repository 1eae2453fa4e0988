using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Storage;

/// <summary>
/// The key-value map of delivered writes; deletes stay as tombstones. A snapshot captures it in O(1) whatever its
/// size: from <see cref="Capture"/> until <see cref="Release"/> the captured map is frozen (another thread may read it)
/// and new versions go to an overlay that reads look at first; releasing folds the overlay back, a cost proportional
/// to the writes made meanwhile, not to the store. Not thread-safe otherwise: the node serialises access.
/// </summary>
public sealed class KvStore
{
    private readonly Dictionary<string, StoredVersion> _versions = new(StringComparer.Ordinal);
    private Dictionary<string, StoredVersion>? _overlay;

    /// <summary>Number of keys, tombstones included.</summary>
    public int Count { get; private set; }

    /// <summary>True between <see cref="Capture"/> and <see cref="Release"/>.</summary>
    public bool IsCaptured => _overlay is not null;

    /// <summary>The current version of <paramref name="key"/>, tombstones included.</summary>
    public StoredVersion? Get(string key) =>
        _overlay is not null && _overlay.TryGetValue(key, out var newer) ? newer : _versions.GetValueOrDefault(key);

    /// <summary>Every current version, in key order.</summary>
    public IEnumerable<StoredVersion> All =>
        (_overlay is null ? _versions.Values : _versions.Values.Where(v => !_overlay.ContainsKey(v.Key)).Concat(_overlay.Values))
            .OrderBy(v => v.Key, StringComparer.Ordinal);

    /// <summary>Puts back a version saved in a snapshot.</summary>
    public void Load(StoredVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Get(version.Key) is null)
        {
            Count++;
        }

        Put(version);
    }

    /// <summary>Applies a delivered write and returns the version the key now has.</summary>
    public StoredVersion Apply(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Get(write.Key) is not { } current)
        {
            Count++;
            return Put(new StoredVersion(write, SupersededConcurrent: false));
        }

        var concurrent = write.Clock.IsConcurrentWith(current.Clock);
        if (ConflictResolution.Wins(write, current.Write))
        {
            return Put(new StoredVersion(write, SupersededConcurrent: concurrent));
        }

        return concurrent && !current.SupersededConcurrent ? Put(current with { SupersededConcurrent = true }) : current;
    }

    /// <summary>
    /// Freezes the versions as they are now and returns them; they stay unchanged, and safe to read from another
    /// thread, until <see cref="Release"/>.
    /// </summary>
    public IReadOnlyCollection<StoredVersion> Capture()
    {
        if (_overlay is not null)
        {
            throw new InvalidOperationException("The store is already captured; release it first.");
        }

        _overlay = new Dictionary<string, StoredVersion>(StringComparer.Ordinal);
        return _versions.Values;
    }

    /// <summary>Ends a capture: the versions written since go back into the main map.</summary>
    public void Release()
    {
        if (_overlay is null)
        {
            return;
        }

        foreach (var (key, version) in _overlay)
        {
            _versions[key] = version;
        }

        _overlay = null;
    }

    private StoredVersion Put(StoredVersion version) => (_overlay ?? _versions)[version.Key] = version;
}
