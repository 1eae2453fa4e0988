using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Hands on the writes of a lost incarnation. Its origin can no longer re-send them, so a node that lacks some of them
/// (a peer reported more, or a buffered write waits for them) takes them as state from a peer that has them. Without
/// this, every write that depends on them would wait in the buffer forever, and the stores would never converge.
/// </summary>
public sealed class RetiredWritesCatchUp(
    CausalNode node,
    Rejoin rejoin,
    PeerLinks links,
    PeerStateClient peers,
    IOptions<KvOptions> options,
    TimeProvider time,
    ILogger<RetiredWritesCatchUp> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await node.Writes.Ready.WaitAsync(stoppingToken); // a rejoining node takes a whole state first
        var replication = options.Value.Replication;
        var backoff = replication.InitialBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            // A cheap check under the lock, a few times a second; nothing to do unless some node once lost its disk.
            if (rejoin.CatchUpSource() is { } peer && links.All.TryGetValue(peer, out var link))
            {
                try
                {
                    var state = await peers.StateAsync(link, node.Clock, stoppingToken);
                    var merged = await rejoin.MergeAsync(state);
                    if (rejoin.CatchUpSource() == peer)
                    {
                        // That peer did not have what was missing after all (it too may have lost a disk since): ask
                        // again later, not in a loop.
                        await Task.Delay(backoff, time, stoppingToken);
                        backoff = replication.NextBackoff(backoff);
                    }
                    else
                    {
                        KvLog.CaughtUp(logger, node.NodeId, merged, peer, state.Clock);
                        backoff = replication.InitialBackoff;
                    }

                    continue;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested
                    && (PeerStateClient.IsTransient(ex) || ex is PeerRefusedException or InvalidDataException))
                {
                    if (ex is InvalidDataException or PeerRefusedException)
                    {
                        KvLog.PeerRefused(logger, peer, ex.Message); // a state this node cannot take; a crash would not help
                    }

                    await Task.Delay(backoff, time, stoppingToken);
                    backoff = replication.NextBackoff(backoff);
                    continue;
                }
                catch (JournalFailedException)
                {
                    return; // The node refuses writes, saying why; nothing more can be made durable here.
                }
            }

            await Task.Delay(replication.ResendInterval, time, stoppingToken);
        }
    }
}
