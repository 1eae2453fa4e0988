namespace GridAspire.ChargeRequest.Charging;

/// <summary>How a booking through the balancer ended.</summary>
public enum BookingOutcome
{
    /// <summary>A substation admitted the vehicle.</summary>
    Booked,

    /// <summary>Every reachable substation is full for this request.</summary>
    GridFull,

    /// <summary>The balancer answered, but no substation could be reached: the grid may have room.</summary>
    NoSubstationReachable,

    /// <summary>The request was refused as invalid (a 4xx from the grid).</summary>
    Refused,

    /// <summary>The balancer itself could not be reached, or did not answer in time.</summary>
    BalancerUnreachable,

    /// <summary>Another request with the same Idempotency-Key is still being booked (on this replica or another).</summary>
    InProgress,
}
