namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// One destination as <see cref="LoadTracker"/> sees it: the last poll, the base its estimate starts from, the sessions
/// this balancer placed there and what it has in flight. Only touched under the tracker's lock. Timestamps are the
/// balancer's (<see cref="TimeProvider.GetTimestamp"/>).
/// </summary>
internal sealed class TrackedDestination(string id, Uri address)
{
    // Sessions admitted through this balancer that may still matter to the estimate: admitted after the base (to add
    // while they run) or counted in the base (to subtract once they end).
    private readonly List<AdmittedSession> _sessions = [];
    private double _baseLoadKw;
    private long? _baseAt;

    public string Id { get; } = id;

    public Uri Address { get; set; } = address;

    public string? SubstationId { get; private set; }

    public double PolledLoadKw { get; private set; }

    public double CapacityKw { get; private set; }

    /// <summary>Set while the substation shares its power (from its last poll); null for fixed power.</summary>
    public PowerSharing? Sharing { get; private set; }

    public long? PolledAt { get; private set; }

    public double InFlightKw { get; private set; }

    public int InFlightRequests { get; private set; }

    public bool Healthy { get; private set; }

    public long? RecoveredAt { get; private set; }

    public long RequestsRouted { get; private set; }

    /// <summary>
    /// A successful poll: the base is reset to the truth (the minimums promised, when the substation shares its power)
    /// and the destination is healthy again.
    /// </summary>
    public void Polled(double loadKw, double capacityKw, string? substationId, PowerSharing? sharing, long now)
    {
        PolledLoadKw = loadKw;
        CapacityKw = capacityKw;
        PolledAt = now;
        SubstationId = substationId ?? SubstationId;
        Sharing = sharing;
        Rebase(sharing?.PromisedKw ?? loadKw, now);
        if (!Healthy)
        {
            Healthy = true;
            RecoveredAt = now;
        }
    }

    /// <summary>Unhealthy until the next successful poll; true when it was healthy until now.</summary>
    public bool MarkUnhealthy()
    {
        if (!Healthy)
        {
            return false;
        }

        Healthy = false;
        RecoveredAt = null;
        return true;
    }

    /// <summary>A request was placed here claiming <paramref name="kw"/>: counted until it completes.</summary>
    public void Reserve(double kw)
    {
        InFlightKw += kw;
        InFlightRequests++;
        RequestsRouted++;
    }

    /// <summary>
    /// A request placed here finished: its reservation is released, an admission is remembered until its expected end
    /// (<paramref name="endsAt"/>), and a load the substation reported becomes the base.
    /// </summary>
    public void Completed(double kw, bool admitted, double? reportedLoadKw, long endsAt, long now)
    {
        InFlightKw = Math.Max(0, InFlightKw - kw);
        InFlightRequests = Math.Max(0, InFlightRequests - 1);
        if (admitted)
        {
            // Recorded before a rebase on the reported load, so the base includes it: it is subtracted at its end.
            _sessions.Add(new AdmittedSession(now, kw, endsAt));
        }

        if (reportedLoadKw is { } reported)
        {
            Rebase(reported, now);
        }
    }

    /// <summary>A newer load, from a poll or piggybacked on a response: the base the estimate starts from.</summary>
    public void Rebase(double loadKw, long at)
    {
        _baseLoadKw = loadKw;
        _baseAt = at;

        // A session that had ended before this base is in neither the base nor the future: forget it.
        _sessions.RemoveAll(s => s.EndsAt <= at);
    }

    /// <summary>
    /// The load now: the base, plus this balancer's sessions admitted after it and still running, minus those the base
    /// counted that have ended since, plus what is in flight.
    /// </summary>
    public double EstimatedLoadKw(long now)
    {
        var baseAt = _baseAt ?? long.MinValue;
        var adjustment = 0.0;
        foreach (var s in _sessions)
        {
            var running = s.EndsAt > now;
            if (s.At > baseAt && running)
            {
                adjustment += s.Kw;
            }
            else if (s.At <= baseAt && !running)
            {
                adjustment -= s.Kw;
            }
        }

        return Math.Max(0, _baseLoadKw + adjustment) + InFlightKw;
    }

    /// <summary>
    /// What one more vehicle would get where power is shared: the polled figure, thinned by the sessions this balancer
    /// sent here since that poll (a load piggybacked on a response does not say it), as if the newcomers split the same
    /// power equally with the sessions the poll saw.
    /// </summary>
    public double NextSessionKw(PowerSharing sharing, long now)
    {
        var polledAt = PolledAt ?? long.MinValue;
        var added = InFlightRequests;
        foreach (var s in _sessions)
        {
            if (s.At > polledAt && s.EndsAt > now)
            {
                added++;
            }
        }

        return sharing.NextSessionKw * (sharing.ActiveSessions + 1) / (sharing.ActiveSessions + 1 + added);
    }
}
