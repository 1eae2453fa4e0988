using System.Net.Http.Headers;
using System.Text.Json;
using GridAspire.KvNode.Chaos;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// Reliable replication of this node's own writes to one peer. The peer's acknowledged position
/// (its delivered counter for this node) is the resume point: everything after it is sent, in order and in
/// batches, until acknowledged. A lost batch, a refused one or a peer that is down never blocks the origin;
/// it only delays this link, with back-off while the peer is unreachable. A peer that answers but refuses (a wrong
/// cluster key, a batch it finds invalid) is a misconfiguration, not an outage: it is reported as such, once.
/// </summary>
public sealed class PeerLink(
    string peerId,
    Uri address,
    IReplicationSource node,
    HttpClient http,
    string clusterKey,
    ReplicationOptions options,
    TimeProvider time,
    NodeEventFeed events,
    KvMetrics metrics,
    ILogger logger)
{
    private long _acked = node.AckedBy(peerId);
    // Bumped when the peer rejoins: an answer to a request sent before that says nothing about the new incarnation.
    private long _generation;
    private volatile string? _problem;
    private long _lastSent;
    private long _highestSent;

    private readonly AsyncSignal _restarted = new();

    // Writes up to End were sent and the peer buffered them (not yet delivered); Since is when it last made progress.
    private (long End, long Since) _held;

    /// <summary>The peer's base address.</summary>
    public Uri Address { get; } = address;

    /// <summary>The peer's id.</summary>
    public string PeerId { get; } = peerId;

    /// <summary>Pulses whenever the peer acknowledges more of this node's writes.</summary>
    public AsyncSignal Acknowledged { get; } = new();

    /// <summary>Pulses whenever <see cref="Problem"/> changes.</summary>
    public AsyncSignal ProblemChanged { get; } = new();

    /// <summary>Faults injected on this link (chaos endpoints).</summary>
    public LinkFaults Faults { get; } = new();

    /// <summary>Highest sequence of this node's writes the peer has delivered.</summary>
    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>False after a failed send, until one succeeds.</summary>
    public bool Reachable => _problem is null;

    /// <summary>Why the last send failed (unreachable, or refused and why); null once one succeeds.</summary>
    public string? Problem => _problem;

    /// <summary>Runs until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var backoff = options.InitialBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Task.WhenAny(node.OwnWritesDurable.Next, Faults.Changed.Next, _restarted.Next);
            var batch = node.OwnWritesAfter(ResumePoint(), options.MaxBatchSize);
            if (batch.Count == 0 || Faults.Held)
            {
                // Idle: deletes held here become stable only once every peer's clock is known to cover them, so now
                // and then ask this peer for its clock (an empty batch), while tombstones wait and the link is not held.
                // So too after the peer rejoined and this node has nothing left to send it (every write was trimmed):
                // only its answer says it has them. Writes the peer holds in its buffer are sent again once their grace
                // runs out.
                var idleFor = !Faults.Held && _held.End > Acked ? ResendGraceLeft() : options.ClockExchangeInterval;
                if (!await WokenWithinAsync(woken, idleFor, stoppingToken) && !Faults.Held && _held.End <= Acked
                    && (node.WantsPeerClocks || Acked < node.OwnWrites))
                {
                    await ExchangeClocksAsync(stoppingToken);
                }

                continue;
            }

            var sinceLastBatch = time.GetElapsedTime(_lastSent);
            if (batch.Count < options.MaxBatchSize && sinceLastBatch < options.BatchInterval)
            {
                // Pace: a batch costs a request and a disk flush at the peer whatever its size, and clients are not
                // waiting for replication, so under load writes gather into one batch per interval. A quiet link
                // (the last batch longer ago than that) sends at once.
                await Task.Delay(options.BatchInterval - sinceLastBatch, time, stoppingToken);
                batch = node.OwnWritesAfter(ResumePoint(), options.MaxBatchSize);
            }

            var plan = Faults.Plan(batch);
            if (plan.Delay > TimeSpan.Zero)
            {
                await Task.Delay(plan.Delay, time, stoppingToken);
            }

            if (plan.Drop)
            {
                KvLog.ChaosDropped(logger, PeerId, batch.Count);
                Publish(NodeEventKind.Dropped, plan.Writes, "lost by fault injection; re-sent later");
                await WaitAsync(woken, options.ResendInterval, stoppingToken);
                continue;
            }

            try
            {
                CountSent(plan.Writes);
                var delivered = await SendAsync(plan.Writes, stoppingToken);
                backoff = options.InitialBackoff;
                if (delivered < batch[^1].Sequence)
                {
                    // The peer buffered the rest of the batch behind writes it has not yet received from other origins
                    // (or lost it). It delivers them when those arrive; until the grace runs out only newer writes go.
                    Hold(batch[^1].Sequence);
                    await WaitAsync(woken, ResendGraceLeft(), stoppingToken);
                }
            }
            catch (PeerRefusedException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Retrying soon cannot help until someone fixes the configuration; keep trying slowly.
                if (ReportProblem(ex.Message))
                {
                    KvLog.PeerRefused(logger, PeerId, ex.Message);
                }

                await Task.Delay(options.MaxBackoff, time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && PeerStateClient.IsTransient(ex))
            {
                if (ReportProblem($"unreachable: {ex.Message}"))
                {
                    KvLog.PeerUnreachable(logger, PeerId, backoff, ex.Message);
                }

                await Task.Delay(backoff, time, stoppingToken);
                backoff = options.NextBackoff(backoff);
            }
        }
    }

    /// <summary>
    /// The peer lost its disk and rejoined: nothing it acknowledged before counts, so everything this node still keeps
    /// is sent again, from the start (the peer drops what its new state already covers).
    /// </summary>
    public void Restart()
    {
        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _acked, 0);
        _held = default;
        _highestSent = 0;
        _restarted.Pulse();
    }

    private async Task<long> SendAsync(IReadOnlyList<ReplicatedWrite> writes, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.RequestTimeout);
        using var activity = KvTracing.StartInTraceOf("kv.replicate", writes[0].TraceParent, System.Diagnostics.ActivityKind.Producer);
        activity?.SetTag("kv.node", node.NodeId).SetTag("kv.peer", PeerId).SetTag("kv.batch.size", writes.Count);

        var generation = Interlocked.Read(ref _generation);
        using var request = BatchRequest(writes);
        if (Publish(NodeEventKind.Send, writes, null) is > 0 and var sentAs)
        {
            request.Headers.Add(KvHeaders.SentAs, sentAs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await http.SendAsync(request, timeout.Token);
        if (PeerRefusedException.From(response.StatusCode, PeerId, await ProblemDetailAsync(response, timeout.Token)) is { } refused)
        {
            throw refused;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {PeerId}", null, response.StatusCode);
        }

        var ack = await response.Content.ReadFromJsonAsync(ReplicationJsonContext.Default.ReplicationAck, timeout.Token)
            ?? throw new JsonException($"{PeerId} answered without an acknowledgement.");
        return Acknowledge(ack, generation);
    }

    // What the peer's answer (to a batch, or to an empty one) says: its clock, and how far it has this node's writes.
    // Compare-and-swap, so a rejoin (Restart) between reading and writing the position is never overwritten.
    private long Acknowledge(ReplicationAck ack, long generation)
    {
        node.ObservePeerClock(PeerId, ack.Delivered);
        var delivered = ack.Delivered[node.WriterId];
        long previous;
        do
        {
            previous = Interlocked.Read(ref _acked);
            if (Interlocked.Read(ref _generation) != generation)
            {
                return delivered;
            }
        }
        while (Interlocked.CompareExchange(ref _acked, Math.Max(previous, delivered), previous) != previous);

        if (delivered > previous)
        {
            node.RecordAck(PeerId, delivered);
            _held.Since = time.GetTimestamp();
            Acknowledged.Pulse();
        }

        if (_problem is not null)
        {
            _problem = null;
            ProblemChanged.Pulse();
            KvLog.PeerRecovered(logger, PeerId, Math.Max(previous, delivered));
        }

        return delivered;
    }

    // An empty batch: no span (background chatter, not a client's write), no log line; a failure is left to the next
    // real batch to report.
    private async Task ExchangeClocksAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.RequestTimeout);
            var generation = Interlocked.Read(ref _generation);
            using var request = BatchRequest([]);
            using var response = await http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync(ReplicationJsonContext.Default.ReplicationAck, timeout.Token) is { } ack)
            {
                Acknowledge(ack, generation);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && PeerStateClient.IsTransient(ex))
        {
            // The peer is away; its clock is asked again at the next interval.
        }
    }

    private HttpRequestMessage BatchRequest(IReadOnlyList<ReplicatedWrite> writes)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, ReplicationProtocol.ReplicatePath))
        {
            Content = JsonContent.Create(new ReplicationBatch(node.NodeId, writes), ReplicationJsonContext.Default.ReplicationBatch),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clusterKey);
        return request;
    }

    private void CountSent(IReadOnlyList<ReplicatedWrite> writes)
    {
        _lastSent = time.GetTimestamp();
        var resent = 0;
        foreach (var write in writes)
        {
            resent += write.Sequence <= _highestSent ? 1 : 0;
            _highestSent = Math.Max(_highestSent, write.Sequence);
        }

        metrics.BatchSent(PeerId, writes.Count, resent);
    }

    // Where the next batch starts: after what the peer delivered, or after what it holds in its buffer while that is
    // younger than the resend interval (re-sending it at once would only make duplicates).
    private long ResumePoint() =>
        _held.End > Acked && time.GetElapsedTime(_held.Since) < options.ResendInterval ? _held.End : Acked;

    private void Hold(long end)
    {
        if (_held.End <= Acked || time.GetElapsedTime(_held.Since) >= options.ResendInterval)
        {
            _held.Since = time.GetTimestamp();
        }

        _held.End = Math.Max(_held.End, end);
    }

    private TimeSpan ResendGraceLeft()
    {
        var left = options.ResendInterval - time.GetElapsedTime(_held.Since);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // The event's id, or 0 while nobody watches the node's events.
    private long Publish(string kind, IReadOnlyList<ReplicatedWrite> writes, string? detail) =>
        events.IsWatched
            ? events.Publish(new NodeEvent(kind, node.Clock, Peer: PeerId, Writes: [.. writes.Select(w => $"{w.Origin}:{w.Sequence}")], Detail: detail))
            : 0;

    // True when woken before the interval ran out.
    private async Task<bool> WokenWithinAsync(Task woken, TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await woken.WaitAsync(interval, time, stoppingToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task WaitAsync(Task woken, TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await woken.WaitAsync(interval, time, stoppingToken);
        }
        catch (TimeoutException)
        {
            // Time to re-send.
        }
    }

    // True when this is a new problem (worth one log line), false when the link already had it.
    private bool ReportProblem(string problem)
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

    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (int)response.StatusCode is >= 400 and < 500
            ? (await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken))?.Detail
            : null;

    private sealed record ProblemBody(string? Detail);
}
