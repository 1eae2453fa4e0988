using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// An append-only file of <see cref="LogRecord"/>s, each framed as [length: int32][CRC-32 of payload: uint32][JSON].
/// On open, a damaged <em>last</em> record (a crash mid-append) is cut off; damage anywhere else is corruption and
/// stops start-up with the file and offset. Not thread-safe: the node serialises appends.
/// </summary>
public sealed class WriteAheadLog : IDisposable
{
    private const int HeaderBytes = 8;
    private const int MaxRecordBytes = 64 * 1024 * 1024;
    private readonly FileStream _file;

    private WriteAheadLog(string path, FileStream file, int records)
    {
        Path = path;
        _file = file;
        Count = records;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Records in the file.</summary>
    public int Count { get; private set; }

    /// <summary>Opens (or creates) the log, returning it and every intact record, and the bytes cut off a torn tail.</summary>
    public static (WriteAheadLog Log, IReadOnlyList<LogRecord> Records, long TruncatedBytes) Open(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var records = new List<LogRecord>();
        var header = new byte[HeaderBytes];
        long offset = 0;
        while (offset < file.Length)
        {
            file.Position = offset;
            var torn = file.Length - offset < HeaderBytes || file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes;
            var length = torn ? 0 : BinaryPrimitives.ReadInt32LittleEndian(header);
            var isLast = torn || offset + HeaderBytes + length >= file.Length;
            if (!torn && (length <= 0 || length > MaxRecordBytes))
            {
                if (isLast)
                {
                    break;
                }

                throw new CorruptLogException(path, offset, $"impossible record length {length}");
            }

            if (torn || offset + HeaderBytes + length > file.Length)
            {
                break; // the last record was cut short by a crash
            }

            var payload = new byte[length];
            file.ReadExactly(payload);
            if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
            {
                if (isLast)
                {
                    break;
                }

                throw new CorruptLogException(path, offset, "checksum mismatch");
            }

            records.Add(JsonSerializer.Deserialize<LogRecord>(payload)
                ?? throw new CorruptLogException(path, offset, "empty record"));
            offset += HeaderBytes + length;
        }

        var truncated = file.Length - offset;
        if (truncated > 0)
        {
            file.SetLength(offset);
            file.Flush(flushToDisk: true);
        }

        file.Position = offset;
        return (new WriteAheadLog(path, file, records.Count), records, truncated);
    }

    /// <summary>Appends a record (buffered until <see cref="Flush"/>).</summary>
    public void Append(LogRecord record)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(record);
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        _file.Write(header);
        _file.Write(payload);
        Count++;
    }

    /// <summary>Writes buffered records through to the disk.</summary>
    public void Flush() => _file.Flush(flushToDisk: true);

    /// <summary>Empties the log once its content is safe in a snapshot.</summary>
    public void Reset()
    {
        _file.SetLength(0);
        _file.Flush(flushToDisk: true);
        Count = 0;
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}
