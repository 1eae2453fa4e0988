namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>Source-generated log messages of the shared idempotency store.</summary>
internal static partial class IdempotencyLog
{
    [LoggerMessage(20, LogLevel.Warning, "Session {SessionId} was booked but the idempotency store did not keep it ({Reason}); duplicates wait until the claim expires in {ClaimFor}")]
    public static partial void NotRemembered(ILogger logger, string sessionId, TimeSpan claimFor, string reason);

    [LoggerMessage(21, LogLevel.Warning, "A refused booking could not let go of its Idempotency-Key ({Reason}); the claim expires in {ClaimFor}")]
    public static partial void NotReleased(ILogger logger, TimeSpan claimFor, string reason);
}
