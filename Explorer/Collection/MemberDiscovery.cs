using System.Diagnostics;
using System.Net.Http.Headers;
using GridAspire.Explorer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Collection;

/// <summary>
/// Follows the KV cluster's membership: every <see cref="ExplorerOptions.MembershipRefresh"/> it asks a watched node
/// for the members (<c>GET /admin/members</c>), starts a lane (and a watch) for a member that joined and drops the lane
/// of one that was removed or left. Asking is background chatter: only a change is logged.
/// </summary>
public sealed class MemberDiscovery(
    IOptions<ExplorerOptions> options,
    IHttpClientFactory clients,
    NodeConnections connections,
    EventCollector collector,
    TimeProvider time,
    ILogger<MemberDiscovery> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = clients.CreateClient(nameof(MemberDiscovery));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.MembershipRefresh, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await AskAnyAsync(http, stoppingToken) is { } listing)
            {
                Apply(listing);
            }
        }
    }

    // The members as the first connected node that answers in time tells them; null when none does.
    private async Task<MemberListing?> AskAnyAsync(HttpClient http, CancellationToken stoppingToken)
    {
        foreach (var node in connections.All.Where(n => n.Connected))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.NodeTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Address, "/admin/members"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ClusterKey);
            // A parent marked not sampled (W3C trace context): the node's parent-based sampler records no trace of a poll.
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00");
            try
            {
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync(ExplorerJsonContext.Default.MemberListing, timeout.Token);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                // That node is busy or going: ask the next.
            }
        }

        return null;
    }

    private void Apply(MemberListing listing)
    {
        foreach (var member in listing.Members)
        {
            if (member.State == "removed")
            {
                if (connections.Remove(member.Id))
                {
                    collector.Unwatch(member.Id);
                    ExplorerLog.LaneRemoved(logger, member.Id, listing.Node);
                }
            }
            else if (member.Url is { } url && connections.Add(member.Id, url))
            {
                collector.Watch(member.Id, url);
                ExplorerLog.LaneAdded(logger, member.Id, url, listing.Node);
            }
        }
    }
}
