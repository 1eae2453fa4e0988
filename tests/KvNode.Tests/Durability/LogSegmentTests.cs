using System.Buffers;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Durability;

namespace GridAspire.KvNode.Tests.Durability;

public sealed class LogSegmentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wal-").FullName;

    private string SegmentPath => Path.Combine(_directory, "wal-00000001.log");

    [Fact]
    public void Records_survive_a_reopen_in_order()
    {
        Write(3);

        var (segment, records, truncated) = LogSegment.Open(SegmentPath, 1, isNewest: true);
        using (segment)
        {
            Assert.Equal(["k1", "k2", "k3"], records.Select(r => r.Write!.Key));
            Assert.Equal(0, truncated);
        }
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_and_appending_goes_on()
    {
        Write(2);
        var intact = new FileInfo(SegmentPath).Length;
        using (var file = new FileStream(SegmentPath, FileMode.Append))
        {
            file.Write([40, 0, 0, 0, 1, 2, 3, 4, (byte)'{', (byte)'"']); // header of a 40-byte record, 2 bytes of it
        }

        var (segment, records, truncated) = LogSegment.Open(SegmentPath, 1, isNewest: true);
        using (segment)
        {
            Assert.Equal(2, records.Count);
            Assert.Equal(10, truncated);
            Assert.Equal(intact, new FileInfo(SegmentPath).Length);
            Append(segment!, Record(3));
        }

        var (again, reread, _) = LogSegment.Open(SegmentPath, 1, isNewest: true);
        using (again)
        {
            Assert.Equal(["k1", "k2", "k3"], reread.Select(r => r.Write!.Key));
        }
    }

    [Fact]
    public void A_last_record_with_a_bad_checksum_is_torn_but_one_in_the_middle_is_corruption()
    {
        Write(2);
        Flip(offset: new FileInfo(SegmentPath).Length - 3); // inside the last record's payload

        var (segment, records, truncated) = LogSegment.Open(SegmentPath, 1, isNewest: true);
        segment!.Dispose();
        Assert.Single(records);
        Assert.True(truncated > 0);

        Write(2);
        Flip(offset: 12); // inside the first record's payload

        var error = Assert.Throws<CorruptLogException>(() => LogSegment.Open(SegmentPath, 1, isNewest: true).Segment?.Dispose());
        Assert.Equal(0, error.Offset);
        Assert.Contains(SegmentPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_newest_segment_may_end_torn_an_older_one_was_complete_before_the_next_began()
    {
        Write(2);
        Flip(offset: new FileInfo(SegmentPath).Length - 3);

        var error = Assert.Throws<CorruptLogException>(() => LogSegment.Open(SegmentPath, 1, isNewest: false));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_segment_keeps_zeros_ahead_of_its_records_so_an_append_does_not_grow_the_file()
    {
        using var segment = LogSegment.Create(_directory, 1);
        Append(segment, Record(1));
        var size = new FileInfo(SegmentPath).Length;
        Append(segment, Record(2));

        Assert.True(size >= 1 << 20, $"the file holds {size} bytes; at least 1 MiB is zero-filled ahead");
        Assert.Equal(size, new FileInfo(SegmentPath).Length);
        Assert.True(segment.Length < 1000, $"{segment.Length} bytes of records");
    }

    [Fact]
    public void After_a_crash_the_zero_filled_space_is_not_records_and_a_torn_record_before_it_is_cut_off()
    {
        Write(2);
        var intact = new FileInfo(SegmentPath).Length;
        using (var file = new FileStream(SegmentPath, FileMode.Append))
        {
            file.Write([40, 0, 0, 0, 1, 2, 3, 4, (byte)'{', (byte)'"']); // a record cut short by the crash
            file.Write(new byte[300_000]); // the space the crashed process had zero-filled
        }

        var (segment, records, truncated) = LogSegment.Open(SegmentPath, 1, isNewest: true);
        using (segment)
        {
            Assert.Equal(["k1", "k2"], records.Select(r => r.Write!.Key));
            Assert.Equal(10, truncated);
            Assert.Equal(intact, segment!.Length);
            Append(segment, Record(3));
        }

        var (again, reread, _) = LogSegment.Open(SegmentPath, 1, isNewest: true);
        using (again)
        {
            Assert.Equal(["k1", "k2", "k3"], reread.Select(r => r.Write!.Key));
        }
    }

    [Fact]
    public void An_older_segment_that_kept_its_zeros_through_a_crash_is_complete_not_torn()
    {
        Write(2);
        using (var file = new FileStream(SegmentPath, FileMode.Append))
        {
            file.Write(new byte[70_000]); // more than one read-back chunk of zeros
        }

        var (segment, records, truncated) = LogSegment.Open(SegmentPath, 1, isNewest: false);

        Assert.Null(segment);
        Assert.Equal(2, records.Count);
        Assert.Equal(0, truncated);
    }

    [Fact]
    public void Segments_are_listed_in_order_and_a_log_from_before_segmenting_comes_first()
    {
        foreach (var name in new[] { "wal-00000010.log", "wal-00000002.log", "wal.log", "wal-x.log", "snapshot.json" })
        {
            File.WriteAllBytes(Path.Combine(_directory, name), []);
        }

        Assert.Equal([0L, 2L, 10L], LogSegment.List(_directory).Select(s => s.Number));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(int count)
    {
        File.Delete(SegmentPath);
        using var segment = LogSegment.Create(_directory, 1);
        for (var i = 1; i <= count; i++)
        {
            Append(segment, Record(i));
        }
    }

    private static void Append(LogSegment segment, LogRecord record)
    {
        var frames = new ArrayBufferWriter<byte>();
        LogSegment.Encode(record, frames, new ArrayBufferWriter<byte>());
        segment.Write(frames.WrittenSpan);
        segment.Flush();
    }

    private void Flip(long offset)
    {
        using var file = new FileStream(SegmentPath, FileMode.Open);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0xFF));
    }

    internal static LogRecord Record(int i) =>
        new(new ReplicatedWrite("kv1", VectorClock.From([KeyValuePair.Create("kv1", (long)i)]), i, $"k{i}", $"v{i}"));
}
