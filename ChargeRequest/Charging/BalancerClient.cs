using System.Net;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// Talks to the balancer, found by service discovery (<c>http://balancer</c>). An unreachable balancer is reported
/// as a 503 reply, like a full grid: the caller should come back later either way.
/// </summary>
public sealed class BalancerClient(HttpClient http)
{
    /// <summary>Name the balancer is discovered by.</summary>
    public const string ServiceUri = "http://balancer";

    /// <summary>Asks the grid for a charging session.</summary>
    public Task<BalancerReply> RequestSessionAsync(ChargeRequestBody body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = JsonContent.Create(body) }, cancellationToken);

    /// <summary>Looks a session up at its substation.</summary>
    public Task<BalancerReply> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/sessions/{Uri.EscapeDataString(sessionId)}"), cancellationToken);

    private async Task<BalancerReply> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return new BalancerReply(
                    response.StatusCode,
                    await response.Content.ReadAsStringAsync(cancellationToken),
                    response.Headers.RetryAfter?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException)
            {
                return new BalancerReply(HttpStatusCode.ServiceUnavailable, $"The balancer could not be reached: {ex.Message}", "1");
            }
        }
    }
}
