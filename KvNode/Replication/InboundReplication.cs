using System.Net.WebSockets;
using System.Threading.Channels;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// The receiving end of a peer's replication stream. It first says what this node has delivered (the sender's resume
/// point), then takes frames in order: each is checked before any of it touches state, delivered under the causal
/// delivery rule, and acknowledged once what it delivered is on disk. Reading never waits for the disk: acknowledgements
/// go from a loop of their own, one for whatever became durable meanwhile, so several frames are in flight. An invalid
/// frame is answered with a refusal and ends the stream, changing nothing.
/// </summary>
public sealed class InboundReplication(CausalNode node, Replicator replicator, KvMetrics metrics, ILogger<InboundReplication> logger)
{
    /// <summary>Serves <paramref name="from"/>'s stream until it ends, the node stops or a frame is refused.</summary>
    public async Task RunAsync(PeerConnection connection, string from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (replicator.IsRemoved(from))
        {
            // Told why in the first answer, with the removals, so the removed node learns it and stops taking writes.
            metrics.Rejected("removed_member");
            await connection.SendAsync(
                new ReplicationAck(node.NodeId, node.Clock, Refusal: Replicator.RemovedSender(from), Removed: replicator.Removed, Joined: replicator.Joined),
                ReplicationJsonContext.Default.ReplicationAck,
                cancellationToken);
            await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "removed from the cluster", cancellationToken);
            return;
        }

        // The first answer says how far the sender's writes are here: only what is on disk, as every later answer.
        VectorClock delivered;
        try
        {
            delivered = await replicator.DurableClockAsync(cancellationToken);
        }
        catch (JournalFailedException)
        {
            await connection.CloseAsync(WebSocketCloseStatus.InternalServerError, "the write-ahead log failed", cancellationToken);
            return;
        }

        await connection.SendAsync(new ReplicationAck(node.NodeId, delivered, Removed: replicator.Removed, Joined: replicator.Joined), ReplicationJsonContext.Default.ReplicationAck, cancellationToken);
        var received = Channel.CreateUnbounded<Answer>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var acknowledging = AcknowledgeAsync(connection, received.Reader, cancellationToken);
        try
        {
            while (await connection.ReceiveAsync(ReplicationJsonContext.Default.ReplicationBatch, cancellationToken) is { } batch)
            {
                if (batch.Removed is not null || batch.Joined is not null)
                {
                    replicator.LearnMembership(batch.Removed, batch.Joined, from);
                }

                if (replicator.Check(batch, from) is { } rejection)
                {
                    metrics.Rejected(rejection.Category);
                    KvLog.RejectedBatch(logger, from, rejection.Detail);
                    received.Writer.TryWrite(new Answer(default, rejection.Detail));
                    break;
                }

                received.Writer.TryWrite(new Answer(replicator.Receive(batch, batch.SentAs), null));
            }
        }
        finally
        {
            received.Writer.TryComplete();
        }

        await acknowledging;
    }

    // One acknowledgement for everything received since the last, once it is durable.
    private async Task AcknowledgeAsync(PeerConnection connection, ChannelReader<Answer> received, CancellationToken cancellationToken)
    {
        while (await received.WaitToReadAsync(cancellationToken))
        {
            var (latest, refused, refusal) = (default(BatchReceipt), 0, (string?)null);
            while (received.TryRead(out var answer))
            {
                latest = answer.Refusal is null ? answer.Receipt : latest;
                refused += answer.Receipt.Refused;
                refusal ??= answer.Refusal;
            }

            VectorClock clock;
            try
            {
                await node.DurableAsync(latest.Position);

                // Every frame of this drain refused (the answer ends the stream): say only what is on disk, as always.
                clock = latest.Delivered ?? await replicator.DurableClockAsync(cancellationToken);
            }
            catch (JournalFailedException)
            {
                // Nothing is acknowledged that is not on disk: the stream ends, and the sender keeps its writes.
                await connection.CloseAsync(WebSocketCloseStatus.InternalServerError, "the write-ahead log failed", cancellationToken);
                return;
            }

            await connection.SendAsync(new ReplicationAck(node.NodeId, clock, refused, refusal, replicator.Removed, replicator.Joined), ReplicationJsonContext.Default.ReplicationAck, cancellationToken);
            if (refusal is not null)
            {
                await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "invalid batch", cancellationToken);
                return;
            }
        }
    }

    private readonly record struct Answer(BatchReceipt Receipt, string? Refusal);
}
