using System.Globalization;
using System.Net.Http.Json;

namespace GridAspire.LoadTester.Grid;

/// <summary>
/// Reads and steers the balancer: its view of the substations, its rejection counters, its policy (which needs the
/// balancer's admin key).
/// </summary>
public sealed class GridProbe(HttpClient balancer, string? adminKey)
{
    /// <summary>The balancer's current view.</summary>
    public async Task<BalancerState> StateAsync(CancellationToken cancellationToken) =>
        await balancer.GetFromJsonAsync<BalancerState>("/balancer/state", cancellationToken)
        ?? throw new InvalidOperationException("the balancer returned no state");

    /// <summary>Rejections so far, from <c>balancer_rejections_total</c>: (grid full, avoidable).</summary>
    public async Task<(double GridFull, double Avoidable)> RejectionsAsync(CancellationToken cancellationToken)
    {
        var text = await balancer.GetStringAsync("/metrics", cancellationToken);
        double Read(string reason) => text.Split('\n')
            .Where(l => l.StartsWith($"balancer_rejections_total{{reason=\"{reason}\"}}", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return (Read("grid_full"), Read("avoidable"));
    }

    /// <summary>Switches the policy and, optionally, the poll interval.</summary>
    public async Task SetPolicyAsync(string policy, double? pollIntervalSeconds, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/balancer/policy") { Content = JsonContent.Create(new { policy, pollIntervalSeconds }) };
        if (adminKey is { Length: > 0 })
        {
            request.Headers.Authorization = new("Bearer", adminKey);
        }

        using var response = await balancer.SendAsync(request, cancellationToken);
        if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            throw new HttpRequestException(
                "the balancer refused to switch the policy: pass its admin key (--admin-key, or Balancer__AdminKey in the environment)",
                null,
                response.StatusCode);
        }

        response.EnsureSuccessStatusCode();
    }

    /// <summary>Ends a session early (used to empty the grid between compared runs).</summary>
    public async Task EndSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var response = await balancer.DeleteAsync($"/sessions/{Uri.EscapeDataString(sessionId)}", cancellationToken);
    }
}
