using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Makes sure a node never reuses a (node, counter) pair. A node that restored its state accepts writes at once.
/// A node that started empty first asks every peer how many of its writes they have delivered: none (a new
/// cluster) and it accepts writes; some, and it has lost its data, so it refuses writes (reads stay up) and says so,
/// until its data directory is restored.
/// </summary>
public sealed class OwnSequenceGuard(
    CausalNode node,
    PeerLinks links,
    IHttpClientFactory clients,
    IOptions<KvOptions> options,
    TimeProvider time,
    ILogger<OwnSequenceGuard> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!node.StartedEmpty || links.All.Count == 0)
        {
            node.Writes.Open();
            KvLog.WritesAllowed(logger, node.NodeId, node.StartedEmpty ? "no peers" : "state restored from disk");
            return;
        }

        var replication = options.Value.Replication;
        var http = clients.CreateClient(PeerLinks.HttpClientName);
        var known = new Dictionary<string, long>();
        var backoff = replication.InitialBackoff;
        while (known.Count < links.All.Count && !stoppingToken.IsCancellationRequested)
        {
            foreach (var (peer, link) in links.All.Where(l => !known.ContainsKey(l.Key)))
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(replication.RequestTimeout);
                    var status = await http.GetFromJsonAsync(
                        new Uri(link.Address, ReplicationProtocol.StatusPath), ReplicationJsonContext.Default.StatusResponse, timeout.Token);
                    known[peer] = status?.Clock[node.NodeId] ?? 0;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
                {
                    // Not up yet: every node of a new cluster starts at once.
                }
            }

            if (known.Count < links.All.Count)
            {
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, replication.MaxBackoff.Ticks));
            }
        }

        var lost = known.Values.DefaultIfEmpty(0).Max();
        if (lost > 0)
        {
            node.Writes.Close($"it lost its data directory while peers hold {lost} of its writes; restore the directory");
            KvLog.LostOwnWrites(logger, node.NodeId, lost);
            return;
        }

        node.Writes.Open();
        KvLog.WritesAllowed(logger, node.NodeId, "new node: no peer knows any of its writes");
    }
}
