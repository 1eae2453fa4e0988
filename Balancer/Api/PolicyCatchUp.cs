using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Api;

/// <summary>
/// A balancer replica that starts (or restarts) while its peers run asks them for their policy and poll interval and
/// takes them when every peer that answers agrees: a switch made while it was down reaches it. Peers that disagree (a
/// switch half passed on) leave it on its configured policy, with a warning; none answering (a cold start of all) too.
/// Bounded: one request per peer, at most two seconds.
/// </summary>
public sealed class PolicyCatchUp(
    IHttpClientFactory clients, IOptions<BalancerOptions> options, PlacementPolicies policies, MetricsPoller poller, BalancerMetrics metrics,
    ILogger<PolicyCatchUp> logger) : BackgroundService
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var peers = settings.OtherReplicas();
        if (peers.Count == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PeerTimeout);
        var states = (await Task.WhenAll(peers.Select(p => AskAsync(p.Value, timeout.Token)))).OfType<PeerView>().ToList();
        var views = states.Select(s => (s.Policy, s.PollInterval)).Distinct().ToList();
        if (views.Count != 1)
        {
            metrics.PolicyCaughtUp(views.Count == 0 ? "none_answered" : "peers_disagree");
            if (views.Count > 1)
            {
                BalancerLog.PeersDisagree(logger, string.Join(", ", views.Select(v => $"{v.Policy} every {v.PollInterval.TotalSeconds:0.###} s")));
            }

            return;
        }

        var (policy, interval) = views[0];
        if (policies.TrySelect(policy))
        {
            poller.IntervalOverride = interval == settings.PollInterval ? null : interval;
            metrics.PolicyCaughtUp("taken");
            BalancerLog.PolicyCaughtUp(logger, policy, interval.TotalSeconds, states.Count);
        }
    }

    private async Task<PeerView?> AskAsync(Uri peer, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.CreateClient(PolicyPropagation.HttpClientName)
                .GetFromJsonAsync<PeerView>(new Uri(peer, "/balancer/state"), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return null; // down, or not started yet: the configured policy stays unless another peer answers
        }
    }

    // The part of a peer's /balancer/state this needs.
    private sealed record PeerView(string Policy, TimeSpan PollInterval);
}
