using System.Diagnostics;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// What one link tells the outside: the send and loss events the causality explorer draws, its metrics, its spans (a
/// batch continues the trace of its first write) and a log line when the link's state changes (never per batch).
/// </summary>
public sealed class LinkReporter(string peerId, IReplicationSource node, NodeEventFeed events, KvMetrics metrics, ILogger logger)
{
    private volatile string? _problem;

    /// <summary>Pulses whenever <see cref="Problem"/> changes.</summary>
    public AsyncSignal ProblemChanged { get; } = new();

    /// <summary>Why the link is down (unreachable, or refused and why); null while its stream is open.</summary>
    public string? Problem => _problem;

    /// <summary>A batch is about to go: its event (the id goes in the frame, for the arrow) and its metrics. Returns the event id, or null while unwatched.</summary>
    public long? Sending(IReadOnlyList<ReplicatedWrite> writes, int resent)
    {
        metrics.BatchSent(peerId, writes.Count, resent);
        return Publish(NodeEventKind.Send, writes, null) is > 0 and var id ? id : null;
    }

    /// <summary>A full window heard nothing for a while and asks the peer for its clock.</summary>
    public void WindowFullQuery(long inFlight, TimeSpan waited)
    {
        metrics.WindowQueried(peerId);
        KvLog.WindowFullQuery(logger, peerId, inFlight, waited);
    }

    /// <summary>Fault injection lost a batch before it left.</summary>
    public void Dropped(IReadOnlyList<ReplicatedWrite> writes)
    {
        KvLog.ChaosDropped(logger, peerId, writes.Count);
        Publish(NodeEventKind.Dropped, writes, "lost by fault injection; sent again later");
    }

    /// <summary>The span of one batch, in the trace of its first write; null when nobody listens or the batch is empty.</summary>
    public Activity? StartBatch(ReplicationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Writes.Count == 0)
        {
            return null; // a clock exchange is background chatter, not a client's write
        }

        var activity = KvTracing.StartInTraceOf("kv.replicate", batch.Writes[0].TraceParent, ActivityKind.Producer);
        activity?.SetTag("kv.node", node.NodeId).SetTag("kv.peer", peerId).SetTag("kv.batch.size", batch.Writes.Count);
        return activity;
    }

    /// <summary>The stream opened: the link works again, if it did not.</summary>
    public void Connected(long acked)
    {
        if (_problem is not null)
        {
            _problem = null;
            ProblemChanged.Pulse();
            KvLog.PeerRecovered(logger, peerId, acked);
        }
    }

    /// <summary>The peer refused the stream or a batch: a misconfiguration, logged once per distinct reason.</summary>
    public void Refused(string problem)
    {
        if (Set(problem))
        {
            KvLog.PeerRefused(logger, peerId, problem);
        }
    }

    /// <summary>The peer could not be reached, or the stream broke; logged once per distinct reason.</summary>
    public void Unreachable(string error, TimeSpan backoff)
    {
        if (Set($"unreachable: {error}"))
        {
            KvLog.PeerUnreachable(logger, peerId, backoff, error);
        }
    }

    // True when this is a new problem (worth one log line).
    private bool Set(string problem)
    {
        var previous = _problem;
        _problem = problem;
        if (previous == problem)
        {
            return false;
        }

        ProblemChanged.Pulse();
        return true;
    }

    // The event's id, or 0 while nobody watches the node's events.
    private long Publish(string kind, IReadOnlyList<ReplicatedWrite> writes, string? detail) =>
        events.IsWatched
            ? events.Publish(new NodeEvent(kind, node.Clock, Peer: peerId, Writes: [.. writes.Select(w => $"{w.Origin}:{w.Sequence}")], Detail: detail))
            : 0;
}
