using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.KvNode.Tests.Replication;

/// <summary>What a link sends next, what is in flight, and when it sends again what followed the acknowledged position.</summary>
public sealed class LinkWindowTests
{
    private static readonly TimeSpan ResendAfter = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Several_batches_are_in_flight_at_once_and_an_acknowledgement_frees_them()
    {
        var window = new LinkWindow(_time, ResendAfter);
        window.Resume(0);

        window.MarkSent(1, 100);
        window.MarkSent(101, 200);

        Assert.Equal((200L, 200L), (window.Sent, window.InFlight));
        Assert.Equal(0, window.Acknowledge(150, refused: 0, window.Generation));
        Assert.Equal((150L, 50L), (window.Acked, window.InFlight));
        Assert.Null(window.Acknowledge(120, refused: 0, window.Generation)); // an older answer changes nothing
    }

    [Fact]
    public void A_lost_batch_is_followed_by_everything_after_the_acknowledged_position_once_the_wait_is_over()
    {
        var window = new LinkWindow(_time, ResendAfter);
        window.Resume(10);
        window.MarkSent(11, 20);
        window.Lost();

        Assert.False(window.RewindIfDue(out var wait));
        Assert.Equal(ResendAfter, wait);
        _time.Advance(ResendAfter);

        Assert.True(window.RewindIfDue(out _));
        Assert.Equal(10, window.Sent);
        Assert.Equal(10, window.MarkSent(11, 20)); // all ten go again, counted as resent
    }

    [Fact]
    public void Writes_the_peer_only_buffers_are_never_sent_again_and_a_refusal_is()
    {
        var window = new LinkWindow(_time, ResendAfter);
        window.Resume(0);
        window.MarkSent(1, 5);
        window.Acknowledge(0, refused: 0, window.Generation); // buffered behind another origin's write: no progress

        _time.Advance(ResendAfter * 10);
        Assert.False(window.RewindIfDue(out var idle));
        Assert.Equal(Timeout.InfiniteTimeSpan, idle);

        window.Acknowledge(0, refused: 2, window.Generation); // its buffer was full
        _time.Advance(ResendAfter);
        Assert.True(window.RewindIfDue(out _));
        Assert.Equal(0, window.Sent);
    }

    [Fact]
    public void A_catch_up_by_another_way_clears_a_pending_resend()
    {
        var window = new LinkWindow(_time, ResendAfter);
        window.Resume(0);
        window.MarkSent(1, 5);
        window.Lost();

        window.Acknowledge(5, refused: 0, window.Generation); // the peer took them from a state transfer

        _time.Advance(ResendAfter);
        Assert.False(window.RewindIfDue(out _));
        Assert.Equal(5, window.Sent);
    }

    [Fact]
    public void After_a_restart_answers_on_the_older_connection_are_ignored_and_sending_starts_again()
    {
        var window = new LinkWindow(_time, ResendAfter);
        window.Resume(0);
        window.MarkSent(1, 30);
        var old = window.Generation;

        window.Restart();

        Assert.Null(window.Acknowledge(30, refused: 0, old));
        Assert.Equal((0L, 0L), (window.Acked, window.Sent));
        Assert.True(window.Resume(12));
        Assert.Equal(12, window.Sent);
    }

    [Fact]
    public void A_connection_opened_before_a_restart_does_not_resume_the_window()
    {
        var window = new LinkWindow(_time, ResendAfter);
        var opened = window.Generation;

        window.Restart(); // this node rejoined as a new incarnation while the stream was opening

        Assert.False(window.Resume(3, opened)); // the hello counted the old entry's 3 writes
        Assert.Equal((0L, 0L), (window.Acked, window.Sent));
        Assert.False(window.Resume(0, window.Generation));
        Assert.Equal(0, window.Acked);
    }
}
