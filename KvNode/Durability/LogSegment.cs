using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// One file of the write-ahead log: records framed as [length: int32][CRC-32 of payload: uint32][JSON]. Segments are
/// numbered; a snapshot names the first segment it does not cover, so compaction deletes whole files instead of
/// rewriting one. On open, a damaged <em>last</em> record of the <em>newest</em> segment (a crash mid-append) is cut
/// off; damage anywhere else is corruption and stops start-up with the file and offset. Not thread-safe: only the
/// journal's flusher writes.
/// </summary>
/// <remarks>
/// The file is zero-filled ahead of the records, a mebibyte at a time (as PostgreSQL fills its WAL segments), so an
/// append does not change the file's size and its fsync writes the data alone, not the inode as well: one device
/// write per flush instead of two. The records end at the last non-zero byte (a record ends with its JSON's last
/// byte, never zero); a file closed normally is cut back to its records.
/// </remarks>
internal sealed class LogSegment : IDisposable
{
    private const int HeaderBytes = 8;
    private const int MaxRecordBytes = 64 * 1024 * 1024;
    private const string LegacyName = "wal.log";
    private const int ZeroFillAhead = 1 << 20;
    private static readonly byte[] Zeros = new byte[1 << 16];
    private readonly FileStream _file;
    private long _written;
    private long _filled;

    private LogSegment(long number, string path, FileStream file, long written)
    {
        Number = number;
        Path = path;
        _file = file;
        _written = written;
        _filled = written;
    }

    /// <summary>The segment's number; files are replayed in this order.</summary>
    public long Number { get; }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Bytes of records in the file (without the zero-filled space ahead of them).</summary>
    public long Length => _written;

    /// <summary>The segments in <paramref name="directory"/>, oldest first. A log from before segmenting is number 0.</summary>
    public static IReadOnlyList<(long Number, string Path)> List(string directory) =>
        Directory.EnumerateFiles(directory, "wal*.log")
            .Select(path => (Number: NumberOf(System.IO.Path.GetFileName(path)), Path: path))
            .Where(s => s.Number >= 0)
            .OrderBy(s => s.Number)
            .ToList();

    /// <summary>Creates an empty segment <paramref name="number"/> in <paramref name="directory"/>.</summary>
    public static LogSegment Create(string directory, long number)
    {
        var path = System.IO.Path.Combine(directory, $"wal-{number.ToString("D8", CultureInfo.InvariantCulture)}.log");
        return new LogSegment(number, path, OpenForAppend(path, FileMode.CreateNew), 0);
    }

    /// <summary>
    /// Reads every intact record of an existing segment. Only the newest segment (<paramref name="isNewest"/>) may end
    /// in a torn record, which is cut off (returned as the bytes removed); that segment stays open for appending.
    /// </summary>
    public static (LogSegment? Segment, IReadOnlyList<LogRecord> Records, long TruncatedBytes) Open(
        string path, long number, bool isNewest)
    {
        var records = new List<LogRecord>();
        long intact, dataEnd;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16))
        {
            dataEnd = DataEnd(file);
            intact = Scan(file, dataEnd, path, isNewest, records);
        }

        if (!isNewest)
        {
            return (null, records, 0);
        }

        var append = OpenForAppend(path, FileMode.Open);
        var truncated = dataEnd - intact;
        if (append.Length > intact)
        {
            // The torn record and any zero-filled space go: appending starts right after the last intact record.
            append.SetLength(intact);
            append.Flush(flushToDisk: true);
        }

        return (new LogSegment(number, path, append, intact), records, truncated);
    }

    /// <summary>Appends <paramref name="record"/>, framed, to <paramref name="into"/>; <paramref name="scratch"/> is reused.</summary>
    public static void Encode(LogRecord record, ArrayBufferWriter<byte> into, ArrayBufferWriter<byte> scratch)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(scratch))
        {
            JsonSerializer.Serialize(json, record);
        }

        var payload = scratch.WrittenSpan;
        var header = into.GetSpan(HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        into.Advance(HeaderBytes);
        into.Write(payload);
    }

    /// <summary>Appends already framed records (buffered by the OS until <see cref="Flush"/>).</summary>
    public void Write(ReadOnlySpan<byte> frames)
    {
        if (_written + frames.Length > _filled)
        {
            FillWithZerosTo(_written + frames.Length + ZeroFillAhead);
        }

        RandomAccess.Write(_file.SafeFileHandle, frames, _written);
        _written += frames.Length;
    }

    /// <summary>Forces everything written so far to the disk (fsync).</summary>
    public void Flush() => _file.Flush(flushToDisk: true);

    /// <summary>Cuts the zero-filled space off (no fsync: a crash before that leaves zeros, which reading skips).</summary>
    public void Dispose()
    {
        try
        {
            if (_file.Length > _written)
            {
                _file.SetLength(_written);
            }
        }
        catch (IOException)
        {
            // The disk failed; the zeros stay and are skipped when the segment is read.
        }

        _file.Dispose();
    }

    private static long NumberOf(string name) =>
        name == LegacyName ? 0
        : name.Length == 16 && name.StartsWith("wal-", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(4, 8), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : -1;

    // No buffering in .NET: the flusher hands over one span per group and fsyncs right after.
    private static FileStream OpenForAppend(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);

    private void FillWithZerosTo(long end)
    {
        while (_filled < end)
        {
            var chunk = (int)Math.Min(Zeros.Length, end - _filled);
            RandomAccess.Write(_file.SafeFileHandle, Zeros.AsSpan(0, chunk), _filled);
            _filled += chunk;
        }
    }

    // Where the records end: after the last non-zero byte, before the zero-filled space (if any).
    private static long DataEnd(FileStream file)
    {
        var buffer = new byte[1 << 16];
        var end = file.Length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var chunk = buffer.AsSpan(0, (int)(end - start));
            var read = 0;
            while (read < chunk.Length && RandomAccess.Read(file.SafeFileHandle, chunk[read..], start + read) is > 0 and var n)
            {
                read += n;
            }

            var last = chunk[..read].LastIndexOfAnyExcept((byte)0);
            if (last >= 0)
            {
                return start + last + 1;
            }

            end = start;
        }

        return 0;
    }

    private static long Scan(FileStream file, long length, string path, bool mayBeTorn, List<LogRecord> records)
    {
        var header = new byte[HeaderBytes];
        long offset = 0;
        while (offset < length)
        {
            var torn = length - offset < HeaderBytes || file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes;
            var size = torn ? 0 : BinaryPrimitives.ReadInt32LittleEndian(header);
            var isLast = torn || offset + HeaderBytes + size >= length;
            string? damage = torn || offset + HeaderBytes + size > length ? "the last record is cut short"
                : size <= 0 || size > MaxRecordBytes ? $"impossible record length {size}"
                : null;
            byte[]? payload = null;
            if (damage is null)
            {
                payload = new byte[size];
                file.ReadExactly(payload);
                if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
                {
                    damage = "checksum mismatch";
                }
            }

            if (damage is not null)
            {
                // A crash can only tear the record being appended: the end of the newest segment.
                if (isLast && mayBeTorn)
                {
                    return offset;
                }

                throw new CorruptLogException(path, offset, damage);
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<LogRecord>(payload)
                    ?? throw new CorruptLogException(path, offset, "empty record"));
            }
            catch (JsonException ex)
            {
                throw new CorruptLogException(path, offset, $"unreadable record ({ex.Message})");
            }

            offset += HeaderBytes + size;
        }

        return offset;
    }
}
