namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// The instant after which the balancer stops waiting for the current attempt (a request feature): forwarded to the
/// substation as <c>X-Request-Deadline</c>, so that it never admits a request the balancer may have placed elsewhere.
/// </summary>
/// <param name="At">The deadline.</param>
internal sealed record AttemptDeadline(DateTimeOffset At);
