using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Storage;

/// <summary>
/// The key-value map of delivered writes; deletes stay as tombstones. A snapshot captures it in O(1) whatever its
/// size: from <see cref="Capture"/> until <see cref="EndCapture"/> the captured map is frozen (another thread may read
/// it) and new versions go to an overlay that reads look at first. Afterwards the overlay is folded back a chunk at a
/// time (<see cref="FoldBack"/>), so no single call costs more than a chunk, however many writes came meanwhile.
/// Not thread-safe otherwise: the node serialises access.
/// </summary>
public sealed class KvStore
{
    private readonly Dictionary<string, StoredVersion> _versions = new(StringComparer.Ordinal);
    private Dictionary<string, StoredVersion>? _overlay;
    private bool _frozen;

    /// <summary>Number of keys, tombstones included.</summary>
    public int Count { get; private set; }

    /// <summary>Number of keys whose current version is a delete.</summary>
    public int Tombstones { get; private set; }

    /// <summary>True from <see cref="Capture"/> until the overlay is folded back: no new capture may start.</summary>
    public bool IsCaptured => _overlay is not null;

    /// <summary>The current version of <paramref name="key"/>, tombstones included.</summary>
    public StoredVersion? Get(string key) =>
        _overlay is not null && _overlay.TryGetValue(key, out var newer) ? newer
        : _versions.TryGetValue(key, out var version) ? version
        : null;

    /// <summary>Every current version, in key order.</summary>
    public IEnumerable<StoredVersion> All =>
        (_overlay is null ? _versions.Values : _versions.Values.Where(v => !_overlay.ContainsKey(v.Key)).Concat(_overlay.Values))
            .OrderBy(v => v.Key, StringComparer.Ordinal);

    /// <summary>Puts back a version saved in a snapshot.</summary>
    public void Load(StoredVersion version)
    {
        var previous = Get(version.Key);
        if (previous is null)
        {
            Count++;
        }

        Put(version, previous);
    }

    /// <summary>
    /// Applies a delivered write and returns the version the key now has. <paramref name="ignoring"/>: clock entries
    /// left out when telling whether the two writes were concurrent (retired incarnations newer clocks no longer carry).
    /// </summary>
    public StoredVersion Apply(ReplicatedWrite write, IReadOnlySet<string>? ignoring = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Get(write.Key) is not { } current)
        {
            Count++;
            return Put(new StoredVersion(write, SupersededConcurrent: false), previous: null);
        }

        var concurrent = ignoring is { Count: > 0 }
            ? write.Clock.Without(ignoring).IsConcurrentWith(current.Clock.Without(ignoring))
            : write.Clock.IsConcurrentWith(current.Clock);
        if (ConflictResolution.Wins(write, current.Write))
        {
            return Put(new StoredVersion(write, SupersededConcurrent: concurrent), current);
        }

        return concurrent && !current.SupersededConcurrent ? Put(current with { SupersededConcurrent = true }, current) : current;
    }

    /// <summary>
    /// Forgets <paramref name="tombstone"/> if it is still the key's current version: the key reads as never written.
    /// Only for a causally stable delete (nothing still to come can be concurrent with it), and not while captured
    /// (the snapshot being written must see one unchanging map); returns whether it was removed.
    /// </summary>
    public bool TryReap(ReplicatedWrite tombstone)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        if (_overlay is not null || !tombstone.IsDelete || !_versions.TryGetValue(tombstone.Key, out var current)
            || current.Write.Origin != tombstone.Origin || current.Write.Sequence != tombstone.Sequence)
        {
            return false;
        }

        _versions.Remove(tombstone.Key);
        Count--;
        Tombstones--;
        return true;
    }

    /// <summary>
    /// Freezes the versions as they are now and returns them; they stay unchanged, and safe to read from another
    /// thread, until <see cref="EndCapture"/>.
    /// </summary>
    public IReadOnlyCollection<StoredVersion> Capture()
    {
        if (_overlay is not null)
        {
            throw new InvalidOperationException("The store is already captured, or still folding a capture back.");
        }

        _overlay = new Dictionary<string, StoredVersion>(StringComparer.Ordinal);
        _frozen = true;
        return _versions.Values;
    }

    /// <summary>The captured versions are no longer read: new versions go to the main map again.</summary>
    public void EndCapture() => _frozen = false;

    /// <summary>
    /// Moves up to <paramref name="chunk"/> versions written during the capture back into the main map. Returns true
    /// once the overlay is empty and gone. Call after <see cref="EndCapture"/> until it returns true.
    /// </summary>
    public bool FoldBack(int chunk)
    {
        if (_overlay is null)
        {
            return true;
        }

        if (_frozen)
        {
            throw new InvalidOperationException("End the capture before folding it back.");
        }

        var moved = 0;
        foreach (var (key, version) in _overlay)
        {
            if (moved++ == chunk)
            {
                break;
            }

            _versions[key] = version;
            _overlay.Remove(key); // allowed while enumerating a Dictionary
        }

        if (_overlay.Count > 0)
        {
            return false;
        }

        _overlay = null;
        return true;
    }

    // previous: the key's current version, which the caller has already looked up.
    private StoredVersion Put(StoredVersion version, StoredVersion? previous)
    {
        if (previous is { IsTombstone: true })
        {
            Tombstones--;
        }

        if (version.IsTombstone)
        {
            Tombstones++;
        }

        if (_frozen)
        {
            return _overlay![version.Key] = version;
        }

        // Folding back: the newest version goes to the main map and its older overlay copy must not shadow it.
        _overlay?.Remove(version.Key);
        return _versions[version.Key] = version;
    }
}
