using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;

namespace GridAspire.KvNode.Node;

/// <summary>
/// What the node tells the outside about writes it makes and receives: events for the watchers of <c>/events</c>
/// (published under the node's lock, only while someone watches, which is what makes their order exact), and log
/// lines, metrics and spans (after the lock: none of it may hold up other requests).
/// </summary>
internal sealed class DeliveryReporter(string nodeId, int maxBuffered, NodeEventFeed events, KvMetrics metrics, ILogger logger, TimeProvider time)
{
    /// <summary>True while someone watches the node's events; check it before building one.</summary>
    public bool Watched => events.IsWatched;

    /// <summary>True when delivery log lines are written: only then is the clock before a batch worth keeping.</summary>
    public bool LogsDeliveries => logger.IsEnabled(LogLevel.Information);

    /// <summary>Under the lock, while watched: a client's write was accepted here.</summary>
    public void Wrote(VectorClock clock, ReplicatedWrite write) =>
        events.Publish(new NodeEvent(
            NodeEventKind.Write, clock, write.KeyList, write.Origin, write.Sequence, write.Clock, Detail: write.Operation));

    /// <summary>Under the lock, while watched: a client read <paramref name="key"/> and saw <paramref name="seen"/> (null: absent).</summary>
    public void Read(VectorClock clock, string key, ReplicatedWrite? seen) =>
        events.Publish(seen is null
            ? new NodeEvent(NodeEventKind.Read, clock, key, Detail: "absent")
            : new NodeEvent(NodeEventKind.Read, clock, key, seen.Origin, seen.Sequence, seen.Clock, Detail: seen.IsDelete ? "deleted" : "found"));

    /// <summary>Under the lock, while watched: a batch from <paramref name="from"/> arrived.</summary>
    public void Arrived(VectorClock clock, string from, long? sentAs, IReadOnlyList<ReplicatedWrite> writes) =>
        events.Publish(new NodeEvent(
            NodeEventKind.Receive, clock, Peer: from, SentAs: sentAs, Writes: [.. writes.Select(w => $"{w.Origin}:{w.Sequence}")]));

    /// <summary>Under the lock, while watched: the buffer was full, so <paramref name="write"/> was turned away.</summary>
    public void Refused(VectorClock clock, ReplicatedWrite write) =>
        Publish(NodeEventKind.Refused, clock, write, $"the delivery buffer holds {maxBuffered} writes");

    /// <summary>Under the lock, while watched: what the delivery rule decided for one arrival, with the clock after each step.</summary>
    public void Outcome(DeliveryResult<PendingWrite> result, ReplicatedWrite arrived, VectorClock clockBefore)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Status)
        {
            case DeliveryStatus.Duplicate:
                Publish(NodeEventKind.Duplicate, clockBefore, arrived, $"already delivered: {arrived.Origin} is at {clockBefore[arrived.Origin]} here");
                break;
            case DeliveryStatus.Buffered:
                var missing = DeliveryRule.Missing(arrived, node => clockBefore[node]);
                events.Publish(new NodeEvent(
                    NodeEventKind.Buffered, clockBefore, arrived.KeyList, arrived.Origin, arrived.Sequence, arrived.Clock, Missing: missing,
                    Detail: "waits for " + string.Join(", ", missing.Entries.Select(e => $"{e.Key}:{e.Value} (here {clockBefore[e.Key]})"))));
                break;
            case DeliveryStatus.Delivered:
                var local = clockBefore;
                foreach (var pending in result.Delivered)
                {
                    var write = pending.Write;
                    local = local.With(write.Origin, write.Sequence);
                    events.Publish(new NodeEvent(
                        NodeEventKind.Delivered, local, write.KeyList, write.Origin, write.Sequence, write.Clock,
                        Detail: ReferenceEquals(write, arrived) ? "passed the delivery rule on arrival" : "released from the buffer: its causal past is here"));
                }

                break;
        }
    }

    /// <summary>After the lock: a client's write was accepted.</summary>
    public void LocalWrite(ReplicatedWrite write)
    {
        metrics.Write(write.Operation);
        KvLog.LocalWrite(logger, write.KeyList, nodeId, write.Clock, write.Operation);
    }

    /// <summary>
    /// After the lock: logs, metrics and spans of a batch. <paramref name="before"/> is the clock before it, when
    /// <see cref="LogsDeliveries"/>; <paramref name="arrivedAt"/> is when it arrived, for the buffered-time histogram.
    /// </summary>
    public void Batch(
        string from, IReadOnlyList<PendingWrite> delivered, IReadOnlyList<ReplicatedWrite> buffered, int refused, long arrivedAt, VectorClock? before, VectorClock after)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        ArgumentNullException.ThrowIfNull(buffered);
        foreach (var write in buffered)
        {
            metrics.Buffered(write.Origin);
            KvLog.Buffered(logger, write.KeyList, write.Origin, write.Clock, after);
            KvTracing.Mark("kv.buffered", write.TraceParent, nodeId);
        }

        var local = before;
        foreach (var pending in delivered)
        {
            var write = pending.Write;
            metrics.Delivered(write.Origin, time.GetElapsedTime(pending.ArrivedTimestamp, arrivedAt));
            using var activity = KvTracing.StartInTraceOf("kv.deliver", write.TraceParent);
            activity?.SetTag("kv.node", nodeId).SetTag("kv.origin", write.Origin).SetTag("kv.key", write.KeyList)
                .SetTag("kv.clock", write.Clock.ToString());
            if (local is not null)
            {
                local = local.With(write.Origin, write.Sequence);
                KvLog.Delivered(logger, write.KeyList, write.Origin, write.Clock, local);
            }
        }

        if (refused > 0)
        {
            metrics.BufferFull(from, refused);
            KvLog.BufferFull(logger, nodeId, maxBuffered, refused, from);
        }
    }

    /// <summary>After the lock: duplicates of <paramref name="origin"/>'s writes were dropped.</summary>
    public void Duplicates(string origin, int count) => metrics.Duplicate(origin, count);

    /// <summary>After the lock: a buffered write of a lost incarnation was dropped, as it waited for a write no node has.</summary>
    public void Discarded(ReplicatedWrite write, string reportedBy)
    {
        metrics.Discarded(write.Origin);
        KvLog.DiscardedUnreachable(logger, write.KeyList, write.Origin, write.Clock, nodeId, reportedBy);
    }

    /// <summary>After the lock: tombstones were forgotten.</summary>
    public void Reaped(int reaped)
    {
        metrics.TombstonesReaped(reaped);
        KvLog.TombstonesReaped(logger, nodeId, reaped);
    }

    /// <summary>A request's context was not delivered here in time: it gets 409.</summary>
    public void Behind(VectorClock needed, VectorClock local, TimeSpan timeout)
    {
        metrics.ContextTimeout();
        KvLog.ContextTimeout(logger, needed, nodeId, local, timeout);
        if (events.IsWatched)
        {
            var missing = VectorClock.From(needed.Entries.Where(e => local[e.Key] < e.Value));
            events.Publish(new NodeEvent(
                NodeEventKind.Behind, local, Missing: missing, Detail: $"answered 409 after {timeout.TotalSeconds:0.#} s: the request needs {needed}"));
        }
    }

    private void Publish(string kind, VectorClock clock, ReplicatedWrite write, string detail) =>
        events.Publish(new NodeEvent(kind, clock, write.KeyList, write.Origin, write.Sequence, write.Clock, Detail: detail));
}
