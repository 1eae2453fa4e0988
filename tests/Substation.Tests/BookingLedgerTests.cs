using GridAspire.Substation.Booking;
using GridAspire.Substation.Charging;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Substation.Tests;

public sealed class BookingLedgerTests
{
    private static readonly SessionAssignment Session = new("s1.1", "s1", 11, DateTimeOffset.UnixEpoch);
    private readonly FakeTimeProvider _time = new();
    private readonly BookingLedger _ledger;

    public BookingLedgerTests() => _ledger = new BookingLedger(_time);

    [Fact]
    public void An_admitted_booking_answers_with_its_session_to_any_later_attempt_and_to_a_fence()
    {
        Assert.Equal(BookingState.Open, _ledger.Begin("b", 1).State);
        _ledger.Finish("b", Session);

        Assert.Equal(new BookingLookup(BookingState.Admitted, Session), _ledger.Begin("b", 1));
        Assert.Equal(new BookingLookup(BookingState.Admitted, Session), _ledger.Begin("b", 7));
        Assert.Equal(new BookingLookup(BookingState.Admitted, Session), _ledger.Fence("b", 2));
    }

    [Fact]
    public void A_fence_stops_every_earlier_attempt_and_lets_the_fencing_one_and_later_ones_in()
    {
        Assert.Equal(BookingState.Fenced, _ledger.Fence("b", 3).State);

        Assert.Equal(BookingState.Superseded, _ledger.Begin("b", 1).State);
        Assert.Equal(BookingState.Superseded, _ledger.Begin("b", 2).State);
        Assert.Equal(BookingState.Open, _ledger.Begin("b", 3).State);
    }

    [Fact]
    public void While_an_attempt_is_being_admitted_a_fence_and_another_attempt_hear_it_is_in_flight()
    {
        Assert.Equal(BookingState.Open, _ledger.Begin("b", 1).State);

        Assert.Equal(BookingState.InFlight, _ledger.Fence("b", 2).State);
        Assert.Equal(BookingState.InFlight, _ledger.Begin("b", 2).State);

        _ledger.Finish("b", admitted: null); // refused (full): nothing booked, so the fence now holds
        Assert.Equal(BookingState.Fenced, _ledger.Fence("b", 2).State);
        Assert.Equal(BookingState.Superseded, _ledger.Begin("b", 1).State);
    }

    [Fact]
    public void A_refused_attempt_leaves_the_booking_open_for_the_next()
    {
        Assert.Equal(BookingState.Open, _ledger.Begin("b", 1).State);
        _ledger.Finish("b", admitted: null);

        Assert.Equal(BookingState.Open, _ledger.Begin("b", 1).State);
    }

    [Fact]
    public void Bookings_are_forgotten_after_the_keeping_time_but_never_while_an_attempt_runs()
    {
        _ledger.Begin("done", 1);
        _ledger.Finish("done", Session);
        _ledger.Begin("running", 1);

        _time.Advance(BookingLedger.KeepFor + TimeSpan.FromSeconds(1));
        Assert.Equal(BookingState.Fenced, _ledger.Fence("other", 1).State); // any call forgets what has expired

        Assert.Equal(2, _ledger.Count); // "other" and "running"
        Assert.Equal(BookingState.InFlight, _ledger.Fence("running", 2).State);
        Assert.Equal(BookingState.Open, _ledger.Begin("done", 1).State);
    }
}
