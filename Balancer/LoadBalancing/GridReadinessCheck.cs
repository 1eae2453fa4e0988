using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// Readiness: the balancer can place a vehicle only once at least one substation has answered a poll. Until then
/// <c>/health</c> says so, and orchestrators (Aspire's WaitFor, compose, Kubernetes) hold traffic back.
/// </summary>
public sealed class GridReadinessCheck(LoadTracker tracker) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var destinations = tracker.All();
        var healthy = destinations.Count(d => d.Healthy);
        return Task.FromResult(healthy > 0
            ? HealthCheckResult.Healthy($"{healthy} of {destinations.Count} substations reachable")
            : HealthCheckResult.Unhealthy($"none of {destinations.Count} substations has answered a poll yet"));
    }
}
