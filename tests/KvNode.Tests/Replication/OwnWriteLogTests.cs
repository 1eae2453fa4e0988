using GridAspire.KvNode.Core;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Tests.Replication;

public sealed class OwnWriteLogTests
{
    [Fact]
    public void A_batch_to_send_stops_at_the_durable_position_and_the_count()
    {
        var log = Log(Enumerable.Repeat(10, 5).ToArray());

        Assert.Equal(new long[] { 1, 2, 3 }, log.After(0, max: 3, durable: 5).Select(w => w.Sequence));
        Assert.Equal(new long[] { 2, 3 }, log.After(1, max: 10, durable: 3).Select(w => w.Sequence));
    }

    [Fact]
    public void A_batch_to_send_carries_at_most_the_value_budget_but_always_one_write_however_large()
    {
        var quarter = (int)(OwnWriteLog.MaxBatchValueChars / 4);
        var log = Log(quarter, quarter, quarter, quarter, 1, 3 * quarter);

        Assert.Equal(new long[] { 1, 2, 3, 4 }, log.After(0, max: 100, durable: 100).Select(w => w.Sequence)); // the budget exactly, not one char more
        Assert.Equal(new long[] { 5, 6 }, log.After(4, max: 100, durable: 100).Select(w => w.Sequence));
        var huge = new OwnWriteLog();
        huge.Append(Write(1, "k", (int)OwnWriteLog.MaxBatchValueChars) with { More = [new KeyChange("k2", new string('v', quarter))] }, 1);
        huge.Append(Write(2, "k3", 1), 2);
        Assert.Equal(new long[] { 1 }, huge.After(0, max: 100, durable: 100).Select(w => w.Sequence)); // its other keys count too
        Assert.Equal(new long[] { 2 }, huge.After(1, max: 100, durable: 100).Select(w => w.Sequence));
    }

    private static OwnWriteLog Log(params int[] valueLengths)
    {
        var log = new OwnWriteLog();
        for (var i = 0; i < valueLengths.Length; i++)
        {
            log.Append(Write(i + 1, $"k{i}", valueLengths[i]), position: i + 1);
        }

        return log;
    }

    private static ReplicatedWrite Write(long sequence, string key, int valueLength) =>
        new("kv1", VectorClock.From([KeyValuePair.Create("kv1", sequence)]), sequence, key, new string('v', valueLength));
}
