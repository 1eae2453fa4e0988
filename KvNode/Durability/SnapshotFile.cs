using System.Text.Json;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// <c>snapshot.json</c> in the data directory: written to a temporary file, flushed, renamed over the old one and
/// the directory flushed, so a crash leaves either the old snapshot or the new one, never half of one. It is read as a
/// <see cref="DurableState"/>; the store part is written by hand, version by version, so a large store is streamed
/// without an object per key, and without trace parents (they served replication, not storage).
/// </summary>
internal static class SnapshotFile
{
    private const string Name = "snapshot.json";
    private const string TemporaryName = Name + ".tmp";
    private const int FlushEvery = 1 << 16;
    private static readonly JsonEncodedText VersionsName = JsonEncodedText.Encode(nameof(DurableState.Versions));
    private static readonly JsonEncodedText WriteName = JsonEncodedText.Encode(nameof(DurableVersion.Write));
    private static readonly JsonEncodedText SupersededName = JsonEncodedText.Encode(nameof(DurableVersion.SupersededConcurrent));
    private static readonly JsonEncodedText OriginName = JsonEncodedText.Encode(nameof(ReplicatedWrite.Origin));
    private static readonly JsonEncodedText ClockName = JsonEncodedText.Encode(nameof(ReplicatedWrite.Clock));
    private static readonly JsonEncodedText LamportName = JsonEncodedText.Encode(nameof(ReplicatedWrite.Lamport));
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode(nameof(ReplicatedWrite.Key));
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode(nameof(ReplicatedWrite.Value));

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

    /// <summary>
    /// Writes <paramref name="state"/> durably and returns the file's path and size. The calling thread works at most
    /// <paramref name="cpuShare"/> of the time (it sleeps in between), so a large snapshot takes longer instead of
    /// taking the CPU that requests need.
    /// </summary>
    public static (string Path, long Bytes) Write(string directory, DurableState state, double cpuShare = 1)
    {
        var path = Path.Combine(directory, Name);
        var temporary = Path.Combine(directory, TemporaryName);
        long bytes;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        {
            using (var json = new Utf8JsonWriter(file))
            {
                WriteState(json, state, new DutyCycle(cpuShare));
            }

            file.Flush(flushToDisk: true);
            bytes = file.Length;
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
        return (path, bytes);
    }

    private static void WriteState(Utf8JsonWriter json, DurableState state, DutyCycle duty)
    {
        json.WriteStartObject();
        json.WritePropertyName(nameof(DurableState.Clock));
        JsonSerializer.Serialize(json, state.Clock);
        json.WriteNumber(nameof(DurableState.Lamport), state.Lamport);
        json.WriteNumber(nameof(DurableState.OwnWritesBase), state.OwnWritesBase);
        json.WritePropertyName(nameof(DurableState.OwnWrites));
        JsonSerializer.Serialize(json, state.OwnWrites);
        json.WritePropertyName(nameof(DurableState.Acked));
        JsonSerializer.Serialize(json, state.Acked);
        json.WriteNumber(nameof(DurableState.NextSegment), state.NextSegment);
        if (state.Writer is not null)
        {
            json.WriteString(nameof(DurableState.Writer), state.Writer);
        }

        if (state.Incarnations is { Count: > 0 })
        {
            json.WritePropertyName(nameof(DurableState.Incarnations));
            JsonSerializer.Serialize(json, state.Incarnations);
        }

        if (state.Unsettled == true)
        {
            json.WriteBoolean(nameof(DurableState.Unsettled), true); // it was captured but never written: a restart took it as settled
        }

        if (state.Joined is { Count: > 0 })
        {
            json.WritePropertyName(nameof(DurableState.Joined));
            JsonSerializer.Serialize(json, state.Joined);
        }

        if (state.Removed is { Count: > 0 })
        {
            json.WritePropertyName(nameof(DurableState.Removed));
            JsonSerializer.Serialize(json, state.Removed);
        }

        json.WriteStartArray(VersionsName);
        foreach (var version in state.Versions)
        {
            WriteVersion(json, version);
            if (json.BytesPending >= FlushEvery)
            {
                json.Flush();
                duty.Rest();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter json, DurableVersion version)
    {
        var write = version.Write;
        json.WriteStartObject();
        json.WriteStartObject(WriteName);
        json.WriteString(OriginName, write.Origin);
        json.WriteStartObject(ClockName);
        for (var i = 0; i < write.Clock.Count; i++)
        {
            json.WriteNumber(write.Clock.NodeAt(i), write.Clock.CounterAt(i));
        }

        json.WriteEndObject();
        json.WriteNumber(LamportName, write.Lamport);
        json.WriteString(KeyName, write.Key);
        json.WriteString(ValueName, write.Value);
        json.WriteEndObject();
        json.WriteBoolean(SupersededName, version.SupersededConcurrent);
        json.WriteEndObject();
    }
}
