using System.Text.Json;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// <c>snapshot.json</c> in the data directory: written to a temporary file, flushed, renamed over the old one and
/// the directory flushed, so a crash leaves either the old snapshot or the new one, never half of one.
/// </summary>
internal static class SnapshotFile
{
    private const string Name = "snapshot.json";
    private const string TemporaryName = Name + ".tmp";

    /// <summary>The snapshot in <paramref name="directory"/>, or null; a leftover temporary file is deleted.</summary>
    public static DurableState? Read(string directory)
    {
        File.Delete(Path.Combine(directory, TemporaryName));
        var path = Path.Combine(directory, Name);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return JsonSerializer.Deserialize<DurableState>(file)
                ?? throw new CorruptLogException(path, 0, "empty snapshot");
        }
        catch (JsonException ex)
        {
            throw new CorruptLogException(path, ex.BytePositionInLine ?? 0, "unreadable snapshot");
        }
    }

    /// <summary>Size of the snapshot in <paramref name="directory"/>; zero when there is none.</summary>
    public static long Size(string directory)
    {
        var file = new FileInfo(Path.Combine(directory, Name));
        return file.Exists ? file.Length : 0;
    }

    /// <summary>Writes <paramref name="state"/> durably and returns the file's path and size.</summary>
    public static (string Path, long Bytes) Write(string directory, DurableState state)
    {
        var path = Path.Combine(directory, Name);
        var temporary = Path.Combine(directory, TemporaryName);
        long bytes;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        {
            JsonSerializer.Serialize(file, state);
            file.Flush(flushToDisk: true);
            bytes = file.Length;
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
        return (path, bytes);
    }
}
