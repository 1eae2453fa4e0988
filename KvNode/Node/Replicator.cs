using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// The node's side of replication: the own writes its links send, what the peers acknowledged and reported, and the
/// batches peers send here, delivered under the causal delivery rule. Every change goes through the node's lock.
/// </summary>
public sealed class Replicator(CausalNode node, MembershipChanges membership, IOptions<KvOptions> options, TimeProvider time) : IReplicationSource
{
    private readonly int _maxBuffered = options.Value.MaxBufferedWrites;

    /// <inheritdoc/>
    public string NodeId => node.NodeId;

    /// <inheritdoc/>
    public string WriterId => node.WriterId;

    /// <inheritdoc/>
    public VectorClock Clock => node.Clock;

    /// <inheritdoc/>
    public long OwnWrites => node.Readings.OwnWrites;

    /// <inheritdoc/>
    public AsyncSignal OwnWritesDurable => node.OwnWritesDurable;

    /// <inheritdoc/>
    public IReadOnlyList<string>? Removed => node.Membership.RemovedList;

    /// <inheritdoc/>
    public AsyncSignal MembershipChanged => membership.Changed;

    /// <inheritdoc/>
    public bool IsRemoved(string member) => node.Membership.IsRemoved(member);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Uri>? Joined => node.Membership.Joined;

    /// <inheritdoc/>
    public IReadOnlyList<string> Peers => node.Membership.Peers;

    /// <inheritdoc/>
    public Uri? AddressOfMember(string member) => node.Membership.Addresses.GetValueOrDefault(member);

    /// <inheritdoc/>
    public void LearnMembership(IReadOnlyList<string>? removed, IReadOnlyDictionary<string, Uri>? joined, string from) =>
        membership.Learn(removed, joined, from);

    /// <inheritdoc/>
    public long AckedBy(string peer) => node.Change(parts => parts.Acks.Of(peer), changes: false);

    /// <inheritdoc/>
    public IReadOnlyList<ReplicatedWrite> OwnWritesAfter(long acknowledged, int max) =>
        node.Change(parts => parts.OwnWrites.After(acknowledged, max, parts.Journal.Durable), changes: false);

    /// <inheritdoc/>
    public void RecordAck(string peer, string writer, long acked) => node.Change(parts =>
    {
        if (writer == parts.Incarnations.Writer && parts.Acks.Record(peer, acked))
        {
            // Not waited for: a forgotten acknowledgement only means the peer is sent a duplicate after a restart.
            parts.Journal.Append(new LogRecord(Peer: peer, Acked: acked));
            parts.OwnWrites.TrimThrough(parts.Acks.EveryPeerHas(parts.Peers));
        }

        return true;
    });

    /// <inheritdoc/>
    public void ObservePeerClock(string peer, VectorClock delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        var (reaped, discarded) = node.Change(parts =>
        {
            if (!parts.Peers.Contains(peer))
            {
                return (0, (IReadOnlyList<PendingWrite>)[]);
            }

            parts.Replica.Peers.Report(peer, delivered);
            parts.Incarnations.PruneSettled(parts.Replica.Clock, parts.Peers, parts.Replica.Peers.Reported);
            return (CausalNode.ReapTombstones(parts), parts.Replica.DiscardUnreachable(parts.Incarnations.Pruned));
        });

        node.ReportReaped(reaped);
        foreach (var pending in discarded)
        {
            node.Reporter.Discarded(pending.Write, peer);
        }

        node.PeerClockObserved.Pulse();
    }

    /// <inheritdoc/>
    public bool WantsPeerClocks => node.Change(
        static parts => parts.Replica.Tombstones.Waiting > 0
            || (parts.Incarnations.SomeDiskLost && parts.Incarnations.Book.Unsettled(parts.Replica.Clock, parts.Peers, parts.Replica.Peers.Reported)),
        changes: false);

    /// <summary>
    /// Why <paramref name="batch"/> is refused before any of it touches state (a fixed category and a detail), or null:
    /// <see cref="ReplicationValidator"/> with what this node knows now. <paramref name="from"/>, when given, is who the
    /// stream it came on belongs to.
    /// </summary>
    public ReplicationRejection? Check(ReplicationBatch? batch, string? from = null)
    {
        if (from is not null && batch?.From is { } sender && sender != from)
        {
            return new ReplicationRejection("unknown_sender", $"a batch from '{sender}' on {from}'s stream");
        }

        if (batch?.From is { } origin && node.Membership.IsRemoved(origin))
        {
            return new ReplicationRejection("removed_member", RemovedSender(origin));
        }

        // A node that started empty has not yet settled which entry it writes under (it may be rejoining as a new one):
        // until then it cannot tell a peer's claim about its lost writes from a forged one, and takes it as it comes.
        var selfDelivered = node.Settling ? long.MaxValue : node.Readings.OwnWrites;
        return ReplicationValidator.Validate(batch, node.NodeId, node.WriterId, node.Members, selfDelivered);
    }

    /// <summary>Why nothing more is taken from <paramref name="member"/>: it was removed, and an id is never reused.</summary>
    public static string RemovedSender(string member) =>
        $"{member} was removed from the cluster and takes no part in it any more; a node that replaces it needs a new id";

    /// <summary>
    /// Receives a batch that passed <see cref="Check"/> and delivers whatever the causal delivery rule allows. The
    /// receipt's clock is to be acknowledged once everything up to its journal position is durable here (the sender
    /// trims its log by that answer). <paramref name="sentAs"/> is the sender's event id for the batch, when it said.
    /// </summary>
    public BatchReceipt Receive(ReplicationBatch batch, long? sentAs = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var reporter = node.Reporter;
        var arrivedAt = time.GetTimestamp();
        var outcome = new BatchOutcome();
        var (before, after, position, reaped) = node.Change(parts =>
        {
            var replica = parts.Replica;
            var before = reporter.LogsDeliveries ? replica.Clock : null;
            var watched = reporter.Watched && batch.Writes.Count > 0; // an empty batch only asks for the clock
            if (watched)
            {
                reporter.Arrived(replica.Clock, batch.From, sentAs, batch.Writes);
            }

            foreach (var write in batch.Writes)
            {
                var arrival = new PendingWrite(write, arrivedAt);
                if (replica.Buffered >= _maxBuffered && replica.WouldBuffer(arrival))
                {
                    outcome.Refused++;
                    if (watched)
                    {
                        reporter.Refused(replica.Clock, write);
                    }

                    continue;
                }

                var clockBefore = replica.Clock;
                var result = replica.Receive(arrival, parts.Incarnations.Pruned);
                if (watched)
                {
                    reporter.Outcome(result, write, clockBefore);
                }

                outcome.Count(result, write);
                foreach (var pending in result.Delivered)
                {
                    parts.Journal.Append(new LogRecord(pending.Write));
                }
            }

            var reaped = outcome.Delivered.Count > 0 ? CausalNode.ReapTombstones(parts) : 0;
            return (before, replica.Clock, parts.Journal.Appended, reaped);
        });

        node.ReportReaped(reaped);
        if (outcome.Duplicates > 0)
        {
            reporter.Duplicates(batch.From, outcome.Duplicates);
        }

        reporter.Batch(batch.From, outcome.Delivered, outcome.Buffered, outcome.Refused, arrivedAt, before, after);
        if (outcome.Delivered.Count > 0)
        {
            node.ClockAdvanced.Pulse();
        }

        node.Received.Pulse();
        return new BatchReceipt(after, position, outcome.Refused);
    }

    /// <summary>
    /// The delivered clock, once every delivery it counts is durable here: what a peer may be told it has (a new
    /// stream's first answer). The in-memory clock runs ahead of the disk by the group being written; a peer told that
    /// would never send those writes again, and a crash before the flush would lose them here for good. Ends with
    /// <paramref name="cancellationToken"/>: under a stalled disk the peer gives up and opens another stream, and the
    /// one it left must not wait on.
    /// </summary>
    public async Task<VectorClock> DurableClockAsync(CancellationToken cancellationToken)
    {
        var (clock, position) = node.Change(static parts => (parts.Replica.Clock, parts.Journal.Appended), changes: false);
        await node.DurableAsync(position).WaitAsync(cancellationToken);
        return clock;
    }

    /// <summary><see cref="Receive"/>, completing once everything it delivered is durable here.</summary>
    public async Task<VectorClock> ReceiveAsync(ReplicationBatch batch, long? sentAs = null)
    {
        var receipt = Receive(batch, sentAs);
        await node.DurableAsync(receipt.Position);
        return receipt.Delivered;
    }

    // What one batch did, counted under the lock and reported after it.
    private sealed class BatchOutcome
    {
        public List<PendingWrite> Delivered { get; } = [];

        public List<ReplicatedWrite> Buffered { get; } = [];

        public int Refused { get; set; }

        public int Duplicates { get; private set; }

        public void Count(DeliveryResult<PendingWrite> result, ReplicatedWrite write)
        {
            Delivered.AddRange(result.Delivered);
            Duplicates += result.Status == DeliveryStatus.Duplicate ? 1 : 0;
            if (result.Status == DeliveryStatus.Buffered)
            {
                Buffered.Add(write);
            }
        }
    }
}
