using GridAspire.Substation.Booking;

namespace GridAspire.Substation.Diagnostics;

/// <summary>Source-generated log messages of the substation.</summary>
internal static partial class SubstationLog
{
    [LoggerMessage(1, LogLevel.Information, "Admitted {SessionId} for {VehicleId} at {Kw} kW until {ExpectedEndUtc:O}; load {LoadKw}/{CapacityKw} kW")]
    public static partial void Admitted(ILogger logger, string sessionId, string vehicleId, double kw, DateTimeOffset expectedEndUtc, double loadKw, double capacityKw);

    [LoggerMessage(2, LogLevel.Information, "Rejected {VehicleId} needing {Kw} kW: {PromisedKw} of {CapacityKw} kW are already promised")]
    public static partial void Rejected(ILogger logger, string vehicleId, double kw, double promisedKw, double capacityKw);

    [LoggerMessage(3, LogLevel.Information, "Session {SessionId} ended ({How}) after {SimulatedMinutes:F0} simulated minutes")]
    public static partial void Ended(ILogger logger, string sessionId, string how, double simulatedMinutes);

    [LoggerMessage(4, LogLevel.Information, "Substation {SubstationId} now gives power {Allocation}")]
    public static partial void AllocationSwitched(ILogger logger, string substationId, string allocation);

    [LoggerMessage(5, LogLevel.Information, "Booking {BookingId} fenced below attempt {Attempt}: {State}")]
    public static partial void Fenced(ILogger logger, string bookingId, int attempt, BookingState state);
}
