using GridAspire.KvNode.Durability;

namespace GridAspire.KvNode.Tests.Durability;

public sealed class GroupCommitTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_waiter_goes_on_only_once_its_group_is_durable()
    {
        using var commit = new GroupCommit<int>();
        commit.TryAppend(1, out var first);
        var group = new List<int>();

        var end = commit.Take(ref group);
        var waiting = commit.WhenDurable(first);

        Assert.Equal([1], group);
        Assert.Equal(first, end);
        Assert.False(waiting.IsCompleted);
        commit.MarkDurable(end);
        await waiting.WaitAsync(Deadline);
        Assert.True(commit.WhenDurable(first).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Everything_appended_while_a_group_is_being_flushed_goes_into_the_next_group_together()
    {
        using var commit = new GroupCommit<int>();
        commit.TryAppend(0, out _);
        var inflight = new List<int>();
        var firstEnd = commit.Take(ref inflight);
        var positions = new List<long>();
        for (var i = 1; i <= 100; i++)
        {
            commit.TryAppend(i, out var position);
            positions.Add(position);
        }

        var waiters = positions.Select(commit.WhenDurable).ToList();
        commit.MarkDurable(firstEnd);
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        var next = new List<int>();
        var end = commit.Take(ref next);
        Assert.Equal(Enumerable.Range(1, 100), next);
        Assert.All(waiters, w => Assert.Same(waiters[0], w)); // one wake-up for the whole group
        commit.MarkDurable(end);
        await Task.WhenAll(waiters).WaitAsync(Deadline);
        Assert.Equal(0, commit.Waiting);
    }

    [Fact]
    public async Task Completing_wakes_an_idle_flusher_and_it_stops_after_draining()
    {
        using var commit = new GroupCommit<int>();
        var taken = new List<List<int>>();
        var flusher = Task.Run(() =>
        {
            while (true)
            {
                var group = new List<int>();
                var end = commit.Take(ref group);
                if (end == 0)
                {
                    return;
                }

                taken.Add(group);
                commit.MarkDurable(end);
            }
        });

        commit.TryAppend(7, out var position);
        await commit.WhenDurable(position).WaitAsync(Deadline);
        commit.Complete();

        await flusher.WaitAsync(Deadline);
        Assert.Equal([7], taken.SelectMany(g => g));
    }

    [Fact]
    public async Task Completing_right_after_an_append_never_leaves_the_flusher_asleep()
    {
        // The flusher must see the completion even when it takes the last group in the same instant (a hang before).
        for (var round = 0; round < 200; round++)
        {
            using var commit = new GroupCommit<int>();
            var flusher = Task.Run(() =>
            {
                while (true)
                {
                    var group = new List<int>();
                    var end = commit.Take(ref group);
                    if (end == 0)
                    {
                        return;
                    }

                    commit.MarkDurable(end);
                }
            });
            commit.TryAppend(round, out _);
            commit.Complete();
            await flusher.WaitAsync(Deadline);
        }
    }

    [Fact]
    public async Task A_failed_disk_fails_every_waiter_now_and_later_and_drops_what_was_queued()
    {
        using var commit = new GroupCommit<int>();
        commit.TryAppend(1, out var inflightPosition);
        var group = new List<int>();
        commit.Take(ref group);
        commit.TryAppend(2, out var queuedPosition);
        var inflight = commit.WhenDurable(inflightPosition);
        var queued = commit.WhenDurable(queuedPosition);

        var dropped = commit.Fail(new IOException("disk gone"));

        Assert.Equal([2], dropped);
        await Assert.ThrowsAsync<JournalFailedException>(() => inflight.WaitAsync(Deadline));
        await Assert.ThrowsAsync<JournalFailedException>(() => queued.WaitAsync(Deadline));
        Assert.False(commit.TryAppend(3, out var later));
        var error = await Assert.ThrowsAsync<JournalFailedException>(() => commit.WhenDurable(later));
        Assert.Contains("disk gone", error.Message, StringComparison.Ordinal);
    }
}
