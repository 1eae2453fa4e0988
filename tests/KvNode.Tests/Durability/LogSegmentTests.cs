using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Tests.Durability;

public sealed class WriteAheadLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("wal-").FullName, "wal.log");

    [Fact]
    public void Records_survive_a_reopen_in_order()
    {
        Write(3);

        var (log, records, truncated) = WriteAheadLog.Open(_path);
        using (log)
        {
            Assert.Equal(["k1", "k2", "k3"], records.Select(r => r.Write!.Key));
            Assert.Equal(0, truncated);
            Assert.Equal(3, log.Count);
        }
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_and_appending_goes_on()
    {
        Write(2);
        var intact = new FileInfo(_path).Length;
        using (var file = new FileStream(_path, FileMode.Append))
        {
            file.Write([40, 0, 0, 0, 1, 2, 3, 4, (byte)'{', (byte)'"']); // header of a 40-byte record, 2 bytes of it
        }

        var (log, records, truncated) = WriteAheadLog.Open(_path);
        using (log)
        {
            Assert.Equal(2, records.Count);
            Assert.Equal(10, truncated);
            Assert.Equal(intact, new FileInfo(_path).Length);
            log.Append(Record(3));
            log.Flush();
        }

        var (again, reread, _) = WriteAheadLog.Open(_path);
        using (again)
        {
            Assert.Equal(["k1", "k2", "k3"], reread.Select(r => r.Write!.Key));
        }
    }

    [Fact]
    public void A_last_record_with_a_bad_checksum_is_torn_but_one_in_the_middle_is_corruption()
    {
        Write(2);
        Flip(offset: new FileInfo(_path).Length - 3); // inside the last record's payload

        var (log, records, truncated) = WriteAheadLog.Open(_path);
        log.Dispose();
        Assert.Single(records);
        Assert.True(truncated > 0);

        Write(2);
        Flip(offset: 12); // inside the first record's payload

        var error = Assert.Throws<CorruptLogException>(() => WriteAheadLog.Open(_path).Log.Dispose());
        Assert.Equal(0, error.Offset);
        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 0", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    private void Write(int count)
    {
        File.Delete(_path);
        var (log, _, _) = WriteAheadLog.Open(_path);
        using (log)
        {
            for (var i = 1; i <= count; i++)
            {
                log.Append(Record(i));
            }

            log.Flush();
        }
    }

    private void Flip(long offset)
    {
        using var file = new FileStream(_path, FileMode.Open);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0xFF));
    }

    private static LogRecord Record(int i) =>
        new(new ReplicatedWrite("kv1", VectorClock.From([KeyValuePair.Create("kv1", (long)i)]), i, $"k{i}", $"v{i}"));
}
