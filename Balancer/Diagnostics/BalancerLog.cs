namespace GridAspire.Balancer.Diagnostics;

/// <summary>Source-generated log messages of the balancer.</summary>
internal static partial class BalancerLog
{
    [LoggerMessage(1, LogLevel.Warning, "Poll of {Destination} failed, marked unhealthy: {Error}")]
    public static partial void PollFailed(ILogger logger, string destination, string error);

    [LoggerMessage(2, LogLevel.Information, "Destination {Destination} healthy again ({LoadKw}/{CapacityKw} kW); slow start begins")]
    public static partial void Recovered(ILogger logger, string destination, double loadKw, double capacityKw);

    [LoggerMessage(3, LogLevel.Warning, "Forward to {Destination} failed ({Reason}: {Error}): marked unhealthy until a poll succeeds")]
    public static partial void ForwardFailed(ILogger logger, string destination, string reason, string error);

    [LoggerMessage(4, LogLevel.Information, "{Destination} {Why} for {Kw} kW; placing it on the next best substation")]
    public static partial void Retrying(ILogger logger, string destination, double kw, string why);

    [LoggerMessage(5, LogLevel.Information, "Rejected a {Kw} kW request ({Reason}) after {Attempts} attempts")]
    public static partial void Rejected(ILogger logger, double kw, string reason, int attempts);

    [LoggerMessage(6, LogLevel.Information, "Destinations now: {Destinations}")]
    public static partial void DestinationsChanged(ILogger logger, string destinations);

    [LoggerMessage(7, LogLevel.Information, "Load-balancing policy switched to {Policy}")]
    public static partial void PolicyChanged(ILogger logger, string policy);

    [LoggerMessage(8, LogLevel.Warning, "DNS lookup of {Host} failed: {Error}")]
    public static partial void DnsFailed(ILogger logger, string host, string error);

    [LoggerMessage(9, LogLevel.Information, "Retried booking {BookingId} (attempt {Attempt}) fenced at {Substations} substations: {Outcome} {Where}")]
    public static partial void BookingFenced(ILogger logger, string bookingId, int attempt, int substations, string outcome, string where);

    [LoggerMessage(10, LogLevel.Information, "Policy {Policy} passed on to replica {Peer}: {Outcome}")]
    public static partial void PolicyPassedOn(ILogger logger, string policy, string peer, string outcome);

    [LoggerMessage(11, LogLevel.Information, "Took policy {Policy} (poll every {PollSeconds} s) from {Peers} peer replicas at start")]
    public static partial void PolicyCaughtUp(ILogger logger, string policy, double pollSeconds, int peers);

    [LoggerMessage(12, LogLevel.Warning, "Peer replicas disagree on the policy ({Views}): keeping the configured one; switch it with PUT /balancer/policy")]
    public static partial void PeersDisagree(ILogger logger, string views);
}
