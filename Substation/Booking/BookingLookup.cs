using GridAspire.Substation.Charging;

namespace GridAspire.Substation.Booking;

/// <summary>The ledger's answer for a booking id.</summary>
/// <param name="State">Where the booking stands here.</param>
/// <param name="Assignment">The session it got, when <see cref="BookingState.Admitted"/>.</param>
public sealed record BookingLookup(BookingState State, SessionAssignment? Assignment = null);
