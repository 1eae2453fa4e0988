namespace GridAspire.Balancer.LoadBalancing;

/// <summary>Mutable per-destination state behind <see cref="LoadTracker"/>; only touched under its lock.</summary>
internal sealed class TrackedDestination(string id, Uri address)
{
    public string Id { get; } = id;

    public Uri Address { get; set; } = address;

    public string? SubstationId { get; set; }

    public double PolledLoadKw { get; set; }

    public double CapacityKw { get; set; }

    /// <summary>Set while the substation shares its power (from its last poll); null for fixed power.</summary>
    public PowerSharing? Sharing { get; set; }

    public long? PolledAt { get; set; }

    /// <summary>The load the substation reported on a response; replaces the poll as the base when newer.</summary>
    public double BaseLoadKw { get; set; }

    public long? BaseAt { get; set; }

    /// <summary>
    /// Sessions admitted through this balancer that may still matter to the estimate: admitted after the base (to
    /// add while they run) or counted in the base (to subtract once they end).
    /// </summary>
    public List<AdmittedSession> Sessions { get; } = [];

    public double InFlightKw { get; set; }

    public int InFlightRequests { get; set; }

    public bool Healthy { get; set; }

    public long? RecoveredAt { get; set; }

    public long RequestsRouted { get; set; }
}
