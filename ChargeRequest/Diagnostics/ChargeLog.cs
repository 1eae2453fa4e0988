namespace GridAspire.ChargeRequest.Diagnostics;

/// <summary>Source-generated log messages of the charging API.</summary>
internal static partial class ChargeLog
{
    [LoggerMessage(1, LogLevel.Information, "Vehicle {VehicleId} charges at {SubstationId} ({Kw} kW), session {SessionId}")]
    public static partial void Assigned(ILogger logger, string vehicleId, string substationId, double kw, string sessionId);

    [LoggerMessage(2, LogLevel.Information, "Vehicle {VehicleId} refused ({Status}): {Detail}")]
    public static partial void Refused(ILogger logger, string vehicleId, int status, string? detail);

    [LoggerMessage(3, LogLevel.Information, "Replayed the booking of Idempotency-Key {Key} for {VehicleId}")]
    public static partial void Replayed(ILogger logger, string key, string vehicleId);

    [LoggerMessage(4, LogLevel.Information, "Session {SessionId} ended by its vehicle")]
    public static partial void Ended(ILogger logger, string sessionId);

    [LoggerMessage(5, LogLevel.Warning, "Vehicle {VehicleId} not booked: {Reason}")]
    public static partial void StoreUnavailable(ILogger logger, string vehicleId, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Balancer {Balancer} did not take booking {BookingId} ({Detail}); trying {Next}")]
    public static partial void FailingOver(ILogger logger, string balancer, string next, string bookingId, string? detail);

    [LoggerMessage(7, LogLevel.Warning, "Balancer {Balancer} could not be reached ({Detail}): it is tried after the other replicas until it answers (again in {RetryAfter} at the earliest)")]
    public static partial void ReplicaUnanswering(ILogger logger, string balancer, string detail, TimeSpan retryAfter);

    [LoggerMessage(8, LogLevel.Information, "Balancer {Balancer} answers again")]
    public static partial void ReplicaAnswering(ILogger logger, string balancer);
}
