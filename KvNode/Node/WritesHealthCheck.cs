using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Readiness (<c>/health</c>, not <c>/alive</c>): unhealthy while the node refuses client writes (it is starting and
/// checking with its peers, rejoining after a lost disk, or its disk failed), so the dashboard, Kubernetes and the
/// tests send writes only to a node that takes them. The reason is the check's description.
/// </summary>
public sealed class WritesHealthCheck(CausalNode node) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(node.Writes.Refusal is { } refusal
            ? HealthCheckResult.Unhealthy($"writes refused: {refusal}")
            : HealthCheckResult.Healthy());
}
