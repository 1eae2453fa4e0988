namespace GridAspire.Substation.Booking;

/// <summary>What the <see cref="BookingLedger"/> says about a booking id.</summary>
public enum BookingState
{
    /// <summary>Not seen here (or fenced only below this attempt): the attempt may be admitted.</summary>
    Open,

    /// <summary>Admitted here: answer with that session again, never book a second.</summary>
    Admitted,

    /// <summary>A later attempt fenced this booking: this (earlier) attempt must not be admitted.</summary>
    Superseded,

    /// <summary>An attempt is being admitted right now; its outcome is not known yet.</summary>
    InFlight,

    /// <summary>Fenced: not admitted here, and no attempt before the fencing one will be.</summary>
    Fenced,
}
