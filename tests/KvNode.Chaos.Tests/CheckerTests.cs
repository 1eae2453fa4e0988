using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Tests;

/// <summary>
/// The checker must fail before its passes mean anything: each test plants one kind of violation in a hand-written
/// history and asserts the checker names it, and the clean variants assert it stays quiet.
/// </summary>
public sealed class CheckerTests
{
    [Fact]
    public void A_causally_consistent_history_passes()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        h.Read(1, "kv2", "x", x);
        var y = h.Write(1, "kv2", "y", "b", "kv1:1,kv2:1");
        h.Read(2, "kv3", "y", y);
        h.Read(2, "kv3", "x", x);
        h.Read(0, "kv3", "x", x);

        Assert.Empty(CausalChecker.Check(h.Converged(x, y)));
    }

    [Fact]
    public void A_concurrent_write_may_win_a_read_under_last_writer_wins()
    {
        var h = new HistoryBuilder();
        h.Write(0, "kv1", "x", "a", "kv1:1");
        var b = h.Write(1, "kv2", "x", "b", "kv2:1");
        h.Read(0, "kv1", "x", b);

        Assert.Empty(CausalChecker.Check(h.Converged(b)));
    }

    [Fact]
    public void A_write_whose_answer_was_lost_may_be_read_back()
    {
        var h = new HistoryBuilder();
        var lost = h.Write(0, "kv1", "x", "a", "", Outcome.Info);
        var seen = h.ReadObserved(1, "kv2", "x", new Observation("kv1", HistoryBuilder.Clock("kv1:1"), "a"));

        Assert.Empty(CausalChecker.Check(h.Build(h.Final(["kv1", "kv2"]))));
        Assert.Equal(lost.Value, seen.Result!.Value);
    }

    [Fact]
    public void Missing_the_sessions_own_write_is_read_your_writes()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        h.Read(0, "kv2", "x", source: null);

        AssertOnly(ViolationKind.ReadYourWrites, h.Converged(x));
    }

    [Fact]
    public void Reading_nothing_after_a_delete_that_follows_every_write_is_a_forgotten_tombstone()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        var deleted = h.Delete(0, "kv1", "x", "kv1:2");
        h.Read(0, "kv2", "x", source: null); // kv2 forgot the stable tombstone: absent, not a lost write

        var final = h.Final(["kv1", "kv2", "kv3"], deleted);
        final["kv2"] = final["kv2"] with { Keys = new Dictionary<string, Observation?>() };

        Assert.Empty(CausalChecker.Check(h.Build(final)));
        Assert.NotNull(x.Result);
    }

    [Fact]
    public void Reading_nothing_is_not_excused_by_a_delete_the_lost_write_follows()
    {
        var h = new HistoryBuilder();
        h.Delete(0, "kv1", "x", "kv1:1");
        var x = h.Write(0, "kv1", "x", "a", "kv1:2");
        h.Read(0, "kv2", "x", source: null);

        AssertOnly(ViolationKind.ReadYourWrites, h.Converged(x));
    }

    [Fact]
    public void Ending_with_nothing_is_not_excused_by_a_delete_older_than_an_acknowledged_write()
    {
        var h = new HistoryBuilder();
        h.Delete(0, "kv1", "x", "kv1:1");
        var x = h.Write(0, "kv1", "x", "a", "kv1:2");
        var final = h.Final(["kv1", "kv2"], x);
        final["kv2"] = final["kv2"] with { Keys = new Dictionary<string, Observation?>() };

        var violations = CausalChecker.Check(h.Build(final));

        Assert.Contains(violations, v => v.Kind == ViolationKind.LostWrite && v.Message.Contains("kv2 ends with nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Reading_an_older_version_than_before_is_monotonic_reads()
    {
        var h = new HistoryBuilder();
        var a = h.Write(1, "kv1", "x", "a", "kv1:1");
        var b = h.Write(1, "kv1", "x", "b", "kv1:2");
        h.Read(0, "kv1", "x", b);
        h.Read(0, "kv2", "x", a);

        AssertOnly(ViolationKind.MonotonicReads, h.Converged(b));
    }

    [Fact]
    public void A_write_whose_clock_misses_the_sessions_earlier_write_is_monotonic_writes()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        var y = h.Write(0, "kv2", "y", "b", "kv2:1");

        AssertOnly(ViolationKind.MonotonicWrites, h.Converged(x, y));
    }

    [Fact]
    public void A_write_whose_clock_misses_a_write_the_session_read_is_writes_follow_reads()
    {
        var h = new HistoryBuilder();
        var x = h.Write(1, "kv1", "x", "a", "kv1:1");
        h.Read(0, "kv1", "x", x);
        var y = h.Write(0, "kv2", "y", "b", "kv2:1");

        AssertOnly(ViolationKind.WritesFollowReads, h.Converged(x, y));
    }

    [Fact]
    public void Exposing_a_write_before_its_transitive_dependency_is_a_causal_order_violation()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        var y = h.Write(0, "kv1", "y", "b", "kv1:2");
        h.Read(1, "kv2", "y", y);
        h.Read(1, "kv2", "x", source: null);

        AssertOnly(ViolationKind.CausalOrder, h.Converged(x, y));
    }

    [Fact]
    public void A_value_nobody_wrote_is_thin_air()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        h.ReadObserved(1, "kv2", "x", new Observation("kv1", HistoryBuilder.Clock("kv1:9"), "forged"));

        AssertOnly(ViolationKind.ThinAir, h.Converged(x));
    }

    [Fact]
    public void Two_acknowledged_writes_with_one_identity_are_a_reused_counter()
    {
        var h = new HistoryBuilder();
        h.Write(0, "kv1", "x", "a", "kv1:1");
        var again = h.Write(1, "kv1", "y", "b", "kv1:1");

        Assert.Contains(CausalChecker.Check(h.Converged(again)), v => v.Kind == ViolationKind.ReusedWriteId);
    }

    [Fact]
    public void Read_from_and_session_order_in_a_cycle_is_reported()
    {
        var h = new HistoryBuilder();
        var readsFuture = h.ReadObserved(0, "kv1", "x", new Observation("kv2", HistoryBuilder.Clock("kv1:1,kv2:1"), "w"));
        var p = h.Write(0, "kv1", "y", "p", "kv1:1");
        h.Read(1, "kv2", "y", p);
        var w = h.Write(1, "kv2", "x", "w", "kv1:1,kv2:1");

        Assert.Contains(CausalChecker.Check(h.Converged(p, w)), v => v.Kind == ViolationKind.CausalCycle);
        Assert.Equal(w.Result!.Id, readsFuture.Result!.Id);
    }

    [Fact]
    public void A_node_that_never_delivered_an_acknowledged_write_lost_it()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        var final = h.Final(["kv1", "kv2"], x);
        final["kv2"] = new NodeFinalState(HistoryBuilder.Clock(""), 0, new Dictionary<string, Observation?> { ["x"] = null });

        var violations = CausalChecker.Check(h.Build(final));

        Assert.Contains(violations, v => v.Kind == ViolationKind.LostWrite && v.Message.Contains("kv2", StringComparison.Ordinal));
    }

    [Fact]
    public void Ending_with_an_older_version_than_an_acknowledged_write_loses_it()
    {
        var h = new HistoryBuilder();
        var a = h.Write(0, "kv1", "x", "a", "kv1:1");
        h.Write(0, "kv1", "x", "b", "kv1:2");

        AssertOnly(ViolationKind.LostWrite, h.Converged(a));
    }

    [Fact]
    public void Nodes_that_end_apart_or_converge_late_diverge()
    {
        var h = new HistoryBuilder();
        var a = h.Write(0, "kv1", "x", "a", "kv1:1");
        var b = h.Write(1, "kv2", "x", "b", "kv2:1");
        var final = h.Final(["kv1", "kv2"], a);
        final["kv2"] = h.Final(["kv2"], b)["kv2"];

        Assert.Contains(CausalChecker.Check(h.Build(final)), v => v.Kind == ViolationKind.Divergence);
        AssertOnly(ViolationKind.Divergence, h.Build(h.Final(["kv1", "kv2"], b), TimeSpan.FromSeconds(6)));
        Assert.Contains(CausalChecker.Check(new RunHistory(1, h.Operations, [], h.Final(["kv1"], b), null)),
            v => v.Kind == ViolationKind.Divergence);
    }

    [Fact]
    public void A_write_only_the_lost_disk_held_is_excused_and_clocks_may_leave_out_the_retired_entry_whole()
    {
        var h = new HistoryBuilder();
        var kept = h.Write(0, "kv1", "x", "a", "kv1:1");
        var lost = h.Write(1, "kv1", "y", "b", "kv1:2");
        h.Fault(LostDisks.FaultKind, "kv1 (data directory deleted)");
        h.Read(2, "kv2", "x", kept);
        var after = h.WriteAs(2, "kv1", "kv1.2", "x", "c", "kv1:1,kv1.2:1");
        var pruned = h.WriteAs(2, "kv2", "kv2", "z", "d", "kv1.2:1,kv2:1"); // follows kv1:1 through session 2; entry pruned
        var final = h.Final(["kv1", "kv2", "kv3"], after, pruned);
        foreach (var node in final.Keys)
        {
            final[node] = final[node] with { Clock = HistoryBuilder.Clock("kv1:1,kv1.2:1,kv2:1"), Keys = new Dictionary<string, Observation?> { ["x"] = after.Result, ["z"] = pruned.Result, ["y"] = null } };
        }

        Assert.Empty(CausalChecker.Check(h.Build(final)));
        final["kv1"] = final["kv1"] with { Writer = "kv1.3" }; // it lost its disk again and has not written since
        Assert.Empty(CausalChecker.Check(h.Build(final)));
        Assert.Equal(kept.Key, after.Key);
        Assert.NotNull(lost.Result);
    }

    [Fact]
    public void Without_a_lost_disk_or_with_a_node_still_holding_it_a_missing_write_is_lost()
    {
        var h = new HistoryBuilder();
        h.Write(0, "kv1", "x", "a", "kv1:1");
        h.Write(1, "kv1", "y", "b", "kv1:2");
        var after = h.WriteAs(2, "kv1", "kv1.2", "x", "c", "kv1:1,kv1.2:1");
        var final = h.Final(["kv1", "kv2"], after);
        foreach (var node in final.Keys)
        {
            final[node] = final[node] with { Clock = HistoryBuilder.Clock("kv1:1,kv1.2:1") };
        }

        Assert.Contains(CausalChecker.Check(h.Build(final)), v => v.Kind == ViolationKind.LostWrite); // no disk was lost

        h.Fault(LostDisks.FaultKind, "kv1 (data directory deleted)");
        final["kv2"] = final["kv2"] with { Clock = HistoryBuilder.Clock("kv1:2,kv1.2:1") }; // kv2 has it: all must
        Assert.Contains(CausalChecker.Check(h.Build(final)), v => v.Kind == ViolationKind.LostWrite && v.Message.Contains("kv1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_write_only_a_removed_member_held_is_excused_but_one_of_a_member_that_left_or_that_another_node_holds_is_not()
    {
        var h = new HistoryBuilder();
        var kept = h.Write(0, "kv3", "x", "a", "kv3:1");
        h.Write(1, "kv3", "y", "b", "kv3:2"); // reached nobody before kv3 died
        var final = h.Final(["kv1", "kv2"], kept);
        foreach (var node in final.Keys)
        {
            final[node] = final[node] with { Clock = HistoryBuilder.Clock("kv3:1") };
        }

        Assert.Contains(CausalChecker.Check(h.Build(final)), v => v.Kind == ViolationKind.LostWrite); // kv3 merely left: no excuse
        h.Fault(LostDisks.LeftKind, "kv3");
        Assert.Contains(CausalChecker.Check(h.Build(final)), v => v.Kind == ViolationKind.LostWrite);

        h.Fault(LostDisks.RemovedKind, "kv3 (killed, then removed at kv1)");
        Assert.Empty(CausalChecker.Check(h.Build(final)));

        final["kv2"] = final["kv2"] with { Clock = HistoryBuilder.Clock("kv3:2") }; // kv2 holds it: every member must
        Assert.Contains(CausalChecker.Check(h.Build(final)), v => v.Kind == ViolationKind.LostWrite && v.Message.Contains("kv1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clock_that_lowers_a_retired_entry_instead_of_leaving_it_out_is_still_a_violation()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:2");
        h.Fault(LostDisks.FaultKind, "kv1 (data directory deleted)");
        var y = h.WriteAs(0, "kv2", "kv2", "y", "b", "kv1:1,kv1.2:1,kv2:1");
        var final = h.Final(["kv1", "kv2"], x, y);

        AssertOnly(ViolationKind.MonotonicWrites, h.Build(final));
    }

    [Fact]
    public void A_violation_prints_the_operations_that_show_it()
    {
        var h = new HistoryBuilder();
        var x = h.Write(0, "kv1", "x", "a", "kv1:1");
        var stale = h.Read(0, "kv2", "x", source: null);

        var violation = Assert.Single(CausalChecker.Check(h.Converged(x)));

        Assert.Equal([x.Index, stale.Index], violation.Excerpt.Select(o => o.Index));
        Assert.Contains("s0@kv1", violation.ToString(), StringComparison.Ordinal);
        Assert.Contains("-> absent", violation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_read_from_one_cut_passes()
    {
        var h = new HistoryBuilder();
        var acl = h.Write(0, "kv1", "acl", "alice", "kv1:1");
        var album = h.Write(0, "kv1", "album", "photo", "kv1:2");
        h.BatchRead(1, "kv2", ("acl", acl), ("album", album));
        h.BatchRead(2, "kv3", ("acl", acl), ("album", null)); // the photo not there yet: still a cut

        Assert.Empty(CausalChecker.Check(h.Converged(acl, album)));
    }

    [Fact]
    public void A_batch_read_pairing_a_value_with_an_older_version_of_what_it_depends_on_is_not_a_cut()
    {
        var h = new HistoryBuilder();
        var open = h.Write(0, "kv1", "acl", "alice,bob", "kv1:1");
        var closed = h.Write(0, "kv1", "acl", "alice", "kv1:2");
        var photo = h.Write(0, "kv1", "album", "photo", "kv1:3");
        h.BatchRead(1, "kv2", ("acl", open), ("album", photo));

        AssertOnly(ViolationKind.SnapshotCut, h.Converged(closed, photo));
    }

    [Fact]
    public void A_batch_read_missing_what_a_value_depends_on_is_not_a_cut_whatever_the_order_of_its_keys()
    {
        var h = new HistoryBuilder();
        var acl = h.Write(0, "kv1", "acl", "alice", "kv1:1");
        var photo = h.Write(0, "kv1", "album", "photo", "kv1:2");
        h.BatchRead(1, "kv2", ("album", photo), ("acl", null));

        var violations = CausalChecker.Check(h.Converged(acl, photo));

        Assert.Contains(violations, v => v.Kind == ViolationKind.SnapshotCut);
    }

    [Fact]
    public void Single_reads_at_two_moments_owe_each_other_no_cut()
    {
        var h = new HistoryBuilder();
        var open = h.Write(0, "kv1", "acl", "alice,bob", "kv1:1");
        var closed = h.Write(0, "kv1", "acl", "alice", "kv1:2");
        var photo = h.Write(0, "kv1", "album", "photo", "kv1:3");
        h.Read(1, "kv2", "acl", open);
        h.Read(2, "kv2", "album", photo);

        Assert.Empty(CausalChecker.Check(h.Converged(closed, photo)));
    }

    private static void AssertOnly(ViolationKind kind, RunHistory history) => CheckerAssert.Only(kind, history);
}
