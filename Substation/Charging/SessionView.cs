using GridAspire.Contracts.Charging;

namespace GridAspire.Substation.Charging;

/// <summary>A session as the API shows it. <c>Kw</c> is the power now (in <c>Shared</c> mode it changes as vehicles come and go), <c>ExpectedEndUtc</c> when the energy will be delivered at that power (or when the session ended).</summary>
public sealed record SessionView(
    string SessionId,
    string SubstationId,
    string VehicleId,
    double Kw,
    double RequestedKwh,
    double DeliveredKwh,
    DateTimeOffset StartedUtc,
    DateTimeOffset ExpectedEndUtc,
    string State)
{
    /// <summary>The least power promised while it charges.</summary>
    public double MinKw { get; init; }

    /// <summary>The most power the vehicle accepts.</summary>
    public double MaxKw { get; init; }

    /// <summary><c>standard</c> or <c>priority</c>.</summary>
    public string Priority { get; init; } = "standard";

    /// <summary>How the API shows <paramref name="session"/> of substation <paramref name="substationId"/>; null for none.</summary>
    public static SessionView? Of(ChargingSession? session, string substationId)
    {
        if (session is null)
        {
            return null;
        }

        var state = session.EndedUtc is null ? "charging" : session.Cancelled ? "cancelled" : "completed";
        return new SessionView(
            session.SessionId, substationId, session.VehicleId, Math.Round(session.Kw, 3), session.RequestedKwh, Math.Round(session.DeliveredKwh, 3),
            session.StartedUtc, session.EndedUtc ?? session.ExpectedEndUtc, state)
        {
            MinKw = session.MinKw,
            MaxKw = session.MaxKw,
            Priority = session.Priority ? ChargingPriority.Priority : ChargingPriority.Standard,
        };
    }
}
