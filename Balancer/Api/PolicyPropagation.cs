using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Api;

/// <summary>
/// Passes a policy switch on to the other balancer replicas (<see cref="BalancerOptions.Peers"/>), so that independent
/// balancers place by one policy. A switch that came from a peer is not passed on again. A peer that does not answer
/// is reported, not retried: the operator sees it in the answer and in the log, and switches it when it is back.
/// </summary>
public sealed class PolicyPropagation(
    IHttpClientFactory clients, IOptions<BalancerOptions> options, BalancerMetrics metrics, ILogger<PolicyPropagation> logger)
{
    /// <summary>Name of the HttpClient used to reach peers.</summary>
    public const string HttpClientName = "balancer-peers";

    /// <summary>Marks a switch passed on by a peer (its value: that peer's name).</summary>
    public const string PropagatedHeader = "X-Balancer-Policy-From";

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Passes <paramref name="policy"/> on with the caller's credentials; null when it came from a peer or there are none.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> PassOnAsync(PolicyRequest policy, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;

        var peers = settings.OtherReplicas();
        if (peers.Count == 0 || request.Headers.ContainsKey(PropagatedHeader))
        {
            return null;
        }

        var authorization = request.Headers.Authorization.ToString();
        var answers = await Task.WhenAll(peers.Select(async peer =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PeerTimeout);
            try
            {
                using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(peer.Value, "/balancer/policy")) { Content = JsonContent.Create(policy) };
                put.Headers.TryAddWithoutValidation("Authorization", authorization);
                put.Headers.Add(PropagatedHeader, settings.Replica);
                using var response = await clients.CreateClient(HttpClientName).SendAsync(put, timeout.Token);
                return (peer.Key, Outcome: response.IsSuccessStatusCode ? "switched" : $"refused ({(int)response.StatusCode})");
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                return (peer.Key, Outcome: $"unreachable ({ex.GetType().Name})");
            }
        }));
        foreach (var (peer, outcome) in answers)
        {
            metrics.PolicyPassedOn(outcome == "switched");
            BalancerLog.PolicyPassedOn(logger, policy.Policy ?? "", peer, outcome);
        }

        return answers.ToDictionary(a => a.Key, a => a.Outcome);
    }
}
