namespace GridAspire.Substation.Charging;

/// <summary>A session while it charges: what was asked, and where it stands in its demand group.</summary>
/// <param name="Session">The session as admitted.</param>
/// <param name="Group">The sessions with the same demand, whose power and energy clock it shares.</param>
/// <param name="FullAt">The group's progress at which its energy has been delivered.</param>
internal sealed record ActiveSession(ChargingSession Session, DemandGroup Group, double FullAt)
{
    /// <summary>Energy delivered so far (as of the group's last charge).</summary>
    public double DeliveredKwh => Math.Clamp(Session.RequestedKwh - (FullAt - Group.Progress), 0, Session.RequestedKwh);
}
