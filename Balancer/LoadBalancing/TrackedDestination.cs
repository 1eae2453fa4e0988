namespace GridAspire.Balancer.LoadBalancing;

/// <summary>Mutable per-destination state behind <see cref="LoadTracker"/>; only touched under its lock.</summary>
internal sealed class TrackedDestination(string id, Uri address)
{
    public string Id { get; } = id;

    public Uri Address { get; set; } = address;

    public string? SubstationId { get; set; }

    public double PolledLoadKw { get; set; }

    public double CapacityKw { get; set; }

    public long? PolledAt { get; set; }

    /// <summary>The load the substation reported on a response; replaces the poll as the base when newer.</summary>
    public double BaseLoadKw { get; set; }

    public long? BaseAt { get; set; }

    /// <summary>kW admitted through this balancer after <see cref="BaseAt"/>, with when.</summary>
    public List<(long At, double Kw)> AdmittedSinceBase { get; } = [];

    public double InFlightKw { get; set; }

    public bool Healthy { get; set; }

    public long? RecoveredAt { get; set; }

    public long RequestsRouted { get; set; }
}
