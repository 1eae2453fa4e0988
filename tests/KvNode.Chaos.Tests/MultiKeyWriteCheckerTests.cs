using GridAspire.KvNode.Chaos.Checking;

namespace GridAspire.KvNode.Chaos.Tests;

/// <summary>
/// A multi-key write is one write: the checker must pass histories that see each one whole or not at all, and name
/// the ones that show part of it (planted here by hand, one anomaly per history).
/// </summary>
public sealed class MultiKeyWriteCheckerTests
{
    [Fact]
    public void Batches_seen_whole_or_not_at_all_pass_and_their_keys_sharing_one_identity_is_no_reuse()
    {
        var h = new HistoryBuilder();
        var before = h.Write(0, "kv1", "a", "a0", "kv1:1");
        var batch = h.BatchWrite(0, "kv1", "kv1:2", ("a", "a1"), ("b", "b1"), ("c", null));
        h.BatchRead(1, "kv2", ("a", before), ("b", null), ("c", null)); // before the batch arrived
        h.BatchRead(1, "kv2", ("a", batch[0]), ("b", batch[1]), ("c", batch[2]));
        h.Read(2, "kv3", "b", batch[1]);
        h.Read(2, "kv2", "a", batch[0]); // the session read b of the batch: a must come with it

        Assert.Empty(CausalChecker.Check(h.Converged(batch[0], batch[1], batch[2])));
    }

    [Fact]
    public void A_batch_read_showing_one_key_of_a_write_and_an_older_version_of_another_is_a_torn_write()
    {
        var h = new HistoryBuilder();
        var oldB = h.Write(0, "kv1", "b", "b0", "kv1:1");
        var batch = h.BatchWrite(0, "kv1", "kv1:2", ("a", "a1"), ("b", "b1"));
        h.BatchRead(1, "kv2", ("a", batch[0]), ("b", oldB));

        CheckerAssert.Only(ViolationKind.TornWrite, h.Converged(batch[0], batch[1]));
    }

    [Fact]
    public void Beside_a_batch_a_version_its_clock_covers_is_torn_even_when_the_clients_never_ordered_the_two()
    {
        var h = new HistoryBuilder();
        var otherSession = h.Write(3, "kv2", "b", "b0", "kv2:1"); // no client saw it before the batch
        var batch = h.BatchWrite(0, "kv1", "kv1:1,kv2:1", ("a", "a1"), ("b", "b1"));
        h.BatchRead(1, "kv3", ("a", batch[0]), ("b", otherSession));

        CheckerAssert.Only(ViolationKind.TornWrite, h.Converged(batch[0], batch[1]));
    }

    [Fact]
    public void Beside_a_batch_a_concurrent_version_may_stand_it_won_by_last_writer_wins()
    {
        var h = new HistoryBuilder();
        var batch = h.BatchWrite(0, "kv1", "kv1:1", ("a", "a1"), ("b", "b1"));
        var concurrent = h.Write(3, "kv2", "b", "b2", "kv2:1");
        h.BatchRead(1, "kv3", ("a", batch[0]), ("b", concurrent));

        Assert.Empty(CausalChecker.Check(h.Converged(batch[0], concurrent)));
    }

    [Fact]
    public void A_session_that_saw_one_key_of_a_batch_and_then_an_older_version_of_another_saw_part_of_it()
    {
        var h = new HistoryBuilder();
        var oldB = h.Write(0, "kv1", "b", "b0", "kv1:1");
        var batch = h.BatchWrite(0, "kv1", "kv1:2", ("a", "a1"), ("b", "b1"));
        h.Read(1, "kv2", "a", batch[0]);
        h.Read(1, "kv3", "b", oldB);

        var violations = CausalChecker.Check(h.Converged(batch[0], batch[1]));

        Assert.Single(violations);
        Assert.Contains("#2", violations[0].ToString(), StringComparison.Ordinal); // names the write of b it missed
    }

    [Fact]
    public void Two_batches_with_one_identity_are_a_reused_identity()
    {
        var h = new HistoryBuilder();
        var one = h.BatchWrite(0, "kv1", "kv1:1", ("a", "a1"), ("b", "b1"));
        var two = h.BatchWrite(1, "kv1", "kv1:1", ("c", "c2"), ("d", "d2"));

        Assert.Contains(CausalChecker.Check(h.Converged(one[0], one[1], two[0], two[1])), v => v.Kind == ViolationKind.ReusedWriteId);
    }
}
