using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>
/// Whether the idempotency store answers, on <c>/health</c>. A store that does not is Degraded, not Unhealthy: requests
/// without an Idempotency-Key are still booked, and every replica shares the one store, so taking them all out of
/// rotation would refuse every vehicle. Degraded still answers 200; the body says it.
/// </summary>
public sealed class IdempotencyStoreHealthCheck(IIdempotencyStore store) : IHealthCheck
{
    /// <summary>The check's name on <c>/health</c>.</summary>
    public const string Name = "idempotency-store";

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            return HealthCheckResult.Degraded("The idempotency store does not answer: requests with an Idempotency-Key get 503 and book nothing; requests without one are booked.", ex);
        }
    }
}
