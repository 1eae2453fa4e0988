using System.Net.WebSockets;
using GridAspire.KvNode.Chaos;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// Reliable replication of this node's own writes to one peer, over one long-lived stream. Three loops share the open
/// stream: one takes durable own writes after what was sent into frames (as soon as there are any: no pacing), one
/// writes the frames when they fall due (at once, or after an injected delay), one reads the peer's acknowledgements.
/// Several frames are in flight (<see cref="LinkWindow"/>), so distance costs latency, never throughput. A stream that
/// breaks, or a peer that is down, is opened again with back-off, resuming from what the peer says it has; a lost or
/// refused frame is followed by everything after the acknowledged position again. A peer that refuses the stream (a
/// wrong cluster key, an invalid batch) is a misconfiguration, not an outage: it is reported as such, once.
/// </summary>
public sealed class PeerLink(
    string peerId, Uri address, IReplicationSource node, PeerConnector connector, ReplicationOptions options, TimeProvider time, LinkReporter reporter)
{
    private readonly LinkWindow _window = new(time, options.ResendInterval);
    private readonly LinkOutbox _outbox = new(time);
    private readonly AsyncSignal _restarted = new();

    /// <summary>The peer's base address.</summary>
    public Uri Address { get; } = address;

    /// <summary>The peer's id.</summary>
    public string PeerId { get; } = peerId;

    /// <summary>Pulses whenever the peer acknowledges more of this node's writes.</summary>
    public AsyncSignal Acknowledged { get; } = new();

    /// <summary>Pulses whenever <see cref="Problem"/> changes.</summary>
    public AsyncSignal ProblemChanged => reporter.ProblemChanged;

    /// <summary>Faults injected on this link (chaos endpoints).</summary>
    public LinkFaults Faults { get; } = new();

    /// <summary>Highest sequence of this node's writes the peer has delivered.</summary>
    public long Acked => _window.Acked;

    /// <summary>Own writes sent and not yet acknowledged.</summary>
    public long InFlight => _window.InFlight;

    /// <summary>False while the stream is not open (never opened, or broken), until it is again.</summary>
    public bool Reachable => reporter.Problem is null;

    /// <summary>Why the stream is not open (unreachable, or refused and why); null while it is.</summary>
    public string? Problem => reporter.Problem;

    /// <summary>Runs until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var windowWriter = node.WriterId;
        _ = _window.Resume(node.AckedBy(PeerId));
        var backoff = options.InitialBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            var writer = node.WriterId;
            if (writer != windowWriter)
            {
                // This node rejoined as a new incarnation while no stream was open to notice: the window's positions
                // counted the old entry's writes (a hello of a stream that broke before the rejoin).
                Restart();
                windowWriter = writer;
            }

            var generation = _window.Generation;
            try
            {
                var (connection, hello) = await connector.ConnectAsync(PeerId, Address, stoppingToken);
                await using (connection)
                {
                    if (node.WriterId != writer)
                    {
                        // This node rejoined as a new incarnation while the stream was opening (through a slow link, or
                        // to a peer that was down): the hello counted the old entry's writes, not the new one's. Taken
                        // for the new entry, it marked writes the peer never had as delivered (wide-area chaos sweep).
                        continue; // the loop restarts the window for the new entry
                    }

                    if (_window.Resume(hello.Delivered[writer], generation))
                    {
                        node.RecordAck(PeerId, writer, _window.Acked);
                    }

                    Acknowledge(hello, generation, writer);
                    Acknowledged.Pulse();
                    reporter.Connected(_window.Acked);
                    backoff = options.InitialBackoff;
                    await StreamAsync(connection, generation, writer, stoppingToken);
                }
            }
            catch (PeerRefusedException ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (ex.Removed is { Count: > 0 } removed)
                {
                    node.LearnMembership(removed, null, PeerId); // this node itself may be among them: it then stops taking writes
                }

                // Retrying soon cannot help until someone fixes the configuration; keep trying slowly.
                reporter.Refused(ex.Message);
                await Task.Delay(options.MaxBackoff, time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Down, gone silent (a ping unanswered), or something this link did not expect: a link never gives up.
                reporter.Unreachable(PeerStateClient.IsTransient(ex) ? ex.Message : $"{ex.GetType().Name}: {ex.Message}", backoff);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = options.NextBackoff(backoff);
            }
        }
    }

    /// <summary>
    /// The peer lost its disk and rejoined: nothing it acknowledged before counts. The stream is opened again, and
    /// everything this node still keeps is sent from the start (the peer drops what its new state already covers).
    /// </summary>
    public void Restart()
    {
        _window.Restart();
        _outbox.Clear();
        _restarted.Pulse();
    }

    // One open stream of this node's writes as `writer`, until it breaks (an exception), the peer rejoins or this node
    // does (returns: positions are counted per clock entry, so a new one starts from what the peer says it has of it).
    private async Task StreamAsync(PeerConnection connection, long generation, string writer, CancellationToken stoppingToken)
    {
        var restarted = _restarted.Next;
        if (_window.Generation != generation)
        {
            return; // the peer rejoined while the stream was opening
        }

        using var stream = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task[] loops = [TakeAsync(writer, stream.Token), WriteAsync(connection, stream.Token), ReadAsync(connection, generation, writer, stream.Token)];
        var ended = await Task.WhenAny([.. loops, restarted]);
        await stream.CancelAsync();
        _outbox.Clear();
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "link restarting", CancellationToken.None);
        await Task.WhenAll(loops).ContinueWith(static _ => { }, TaskScheduler.Default); // their cancellation is expected
        if (ended != restarted && !stoppingToken.IsCancellationRequested)
        {
            await ended; // a loop's failure ends the stream: rethrown for the retry above
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"{PeerId} closed the stream");
        }
    }

    // Takes durable own writes after what was sent into frames, as soon as there are any.
    private async Task TakeAsync(string writer, CancellationToken cancellationToken)
    {
        var lastFrame = time.GetTimestamp();
        var membership = node.MembershipChanged.Next;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node.WriterId != writer)
            {
                Restart(); // this node rejoined as a new incarnation: nothing of it was sent yet
                return;
            }

            var woken = Task.WhenAny(node.OwnWritesDurable.Next, Faults.Changed.Next, Acknowledged.Next, membership);
            _window.RewindIfDue(out var rewindIn);
            if (Faults.Held)
            {
                // Held: nothing leaves, not even a clock exchange.
                await WaitAsync(woken, Shortest(rewindIn, options.RequestTimeout), cancellationToken);
                continue;
            }

            if (_window.InFlight >= options.MaxInFlight)
            {
                // A full window waits for acknowledgements, and asks for one when none comes: the peer answers frames, and
                // writes it buffered (their causal past was still on its way from another node) are delivered later with
                // no frame of ours left to answer.
                var waited = time.GetElapsedTime(lastFrame);
                if (waited >= options.ClockExchangeInterval)
                {
                    reporter.WindowFullQuery(_window.InFlight, waited);
                    _outbox.Post(new ReplicationBatch(node.NodeId, [], Removed: node.Removed, Joined: node.Joined), TimeSpan.Zero);
                    lastFrame = time.GetTimestamp();
                    continue;
                }

                await WaitAsync(woken, Shortest(rewindIn, options.ClockExchangeInterval - waited), cancellationToken);
                continue;
            }

            if (membership.IsCompleted)
            {
                // A member joined or was removed here: the peer hears of it now, even on an idle link (every frame says).
                membership = node.MembershipChanged.Next;
                _outbox.Post(new ReplicationBatch(node.NodeId, [], Removed: node.Removed, Joined: node.Joined), TimeSpan.Zero);
                lastFrame = time.GetTimestamp();
                continue;
            }

            var batch = node.OwnWritesAfter(_window.Sent, options.MaxBatchSize);
            if (batch.Count == 0)
            {
                // Idle: deletes become stable only once every peer's clock is known to cover them, and nodes may disagree
                // on a lost incarnation's writes, so now and then this peer is asked for its clock (an empty frame).
                // So too while writes are in flight and nothing moves: the peer may have taken them another way (a state
                // transfer), and only its answer says so.
                var quiet = time.GetElapsedTime(lastFrame);
                if (quiet >= options.ClockExchangeInterval && (node.WantsPeerClocks || _window.Acked < node.OwnWrites))
                {
                    _outbox.Post(new ReplicationBatch(node.NodeId, [], Removed: node.Removed, Joined: node.Joined), TimeSpan.Zero);
                    lastFrame = time.GetTimestamp();
                    continue;
                }

                // Never zero: an exchange that is due but not wanted is looked at again an interval later.
                var exchangeIn = quiet >= options.ClockExchangeInterval ? options.ClockExchangeInterval : options.ClockExchangeInterval - quiet;
                await WaitAsync(woken, Shortest(rewindIn, exchangeIn), cancellationToken);
                continue;
            }

            var plan = Faults.Plan(batch);
            var resent = _window.MarkSent(batch[0].Sequence, batch[^1].Sequence);
            lastFrame = time.GetTimestamp();
            if (plan.Drop)
            {
                _window.Lost();
                reporter.Dropped(plan.Writes);
                continue;
            }

            _outbox.Post(new ReplicationBatch(node.NodeId, plan.Writes, reporter.Sending(plan.Writes, resent), node.Removed, node.Joined), plan.Delay);
        }
    }

    // Writes the frames as they fall due; a held link writes nothing.
    private async Task WriteAsync(PeerConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var woken = Task.WhenAny(_outbox.Posted.Next, Faults.Changed.Next);
            var wait = Timeout.InfiniteTimeSpan;
            var frame = Faults.Held ? null : _outbox.TakeDue(out wait);
            if (frame is null)
            {
                await WaitAsync(woken, wait, cancellationToken);
                continue;
            }

            using var span = reporter.StartBatch(frame);
            await connection.SendAsync(frame, ReplicationJsonContext.Default.ReplicationBatch, cancellationToken);
        }
    }

    // Reads the peer's acknowledgements until the stream closes.
    private async Task ReadAsync(PeerConnection connection, long generation, string writer, CancellationToken cancellationToken)
    {
        while (await connection.ReceiveAsync(ReplicationJsonContext.Default.ReplicationAck, cancellationToken) is { } ack)
        {
            if (ack.Refusal is { } refusal)
            {
                throw new PeerRefusedException($"{PeerId} refused a batch: {refusal}");
            }

            Acknowledge(ack, generation, writer);
        }
    }

    // What the peer's answer says: its clock, and how far it has this node's writes.
    private void Acknowledge(ReplicationAck ack, long generation, string writer)
    {
        if (ack.Removed is not null || ack.Joined is not null)
        {
            node.LearnMembership(ack.Removed, ack.Joined, PeerId);
        }

        node.ObservePeerClock(PeerId, ack.Delivered);
        var delivered = ack.Delivered[writer];
        if (_window.Acknowledge(delivered, ack.Refused, generation) is not null)
        {
            node.RecordAck(PeerId, writer, delivered);
            Acknowledged.Pulse();
        }
    }

    // The shorter of two waits, either of which may be infinite; a wait already over is none.
    private static TimeSpan Shortest(TimeSpan a, TimeSpan b)
    {
        var shortest = a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : a < b ? a : b;
        return shortest == Timeout.InfiniteTimeSpan || shortest > TimeSpan.Zero ? shortest : TimeSpan.Zero;
    }

    // True when woken before the wait ran out.
    private async Task<bool> WaitAsync(Task woken, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await woken.WaitAsync(wait, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
