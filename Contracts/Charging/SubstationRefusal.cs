namespace GridAspire.Contracts.Charging;

/// <summary>Why a substation answered <c>POST /sessions</c> with 503 (<see cref="ChargingHeaders.Refusal"/>).</summary>
public static class SubstationRefusal
{
    /// <summary>No room for the vehicle now; <c>Retry-After</c> says when a session is expected to end.</summary>
    public const string Full = "full";

    /// <summary>
    /// The request came after the balancer's deadline (<see cref="ChargingHeaders.Deadline"/>): the balancer may have
    /// placed the vehicle elsewhere, so it was not looked at. Nothing is known about room: the request arrived late (a
    /// slow or held path), or the balancer's and the substation's clocks are further apart than the tolerance.
    /// </summary>
    public const string DeadlinePassed = "deadline_passed";
}
