using System.Net;
using System.Net.Sockets;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Chaos.Cluster;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Workload;

/// <summary>
/// One client session: a seeded sequence of reads, writes and deletes on a few shared keys, with batch reads and
/// multi-key writes among them, carrying its causal token and switching nodes at random. Operations are sequential, as a session's are; every one goes in the history.
/// </summary>
public sealed class SessionWorker(int session, int seed, Func<IReadOnlyList<NodeProcess>> members, IReadOnlyList<string> keys, HttpClient http, HistoryRecorder history)
{
    // A client whose context names writes lost with a disk (410) starts a new session: a new id in the history, so the
    // checker does not hold the new session to the lost writes.
    private const int RenewedSessionStride = 1_000_000;

    private readonly Random _random = new(HashCode.Combine(seed, session));
    private KvSession _client = new(http);
    private int _session = session;

    /// <summary>Runs <paramref name="operations"/> operations.</summary>
    public async Task RunAsync(int operations, CancellationToken cancellationToken)
    {
        var nodes = members();
        var node = _random.Next(nodes.Count);
        var failed = false;
        for (var n = 0; n < operations && !cancellationToken.IsCancellationRequested; n++)
        {
            // Like a real client: move on after a failure, and wander between nodes anyway (the members of the moment:
            // one may have joined, been removed or left).
            var now = members();
            if (failed || _random.NextDouble() < 0.5 || !ReferenceEquals(now, nodes))
            {
                nodes = now;
                node = _random.Next(nodes.Count);
            }

            // Think time, so the run lasts long enough for faults to land between operations (pacing, not synchronisation).
            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(2, 15)), cancellationToken);
            var key = keys[_random.Next(keys.Count)];
            var roll = _random.NextDouble();
            if (roll is >= 0.78 and < 0.88 && keys.Count > 1)
            {
                var batch = keys.OrderBy(_ => _random.Next()).Take(_random.Next(2, Math.Min(3, keys.Count) + 1)).ToList();
                failed = await ReadBatchAsync(nodes[node], batch, cancellationToken) != Outcome.Ok;
                continue;
            }

            if (roll is >= 0.40 and < 0.45 && keys.Count > 1)
            {
                var batch = keys.OrderBy(_ => _random.Next()).Take(_random.Next(2, Math.Min(3, keys.Count) + 1))
                    .Select(k => (Key: k, Value: _random.NextDouble() < 0.8 ? $"s{_session}-{n}-{k}" : null)).ToList();
                failed = await WriteBatchAsync(nodes[node], batch, cancellationToken) != Outcome.Ok;
                continue;
            }

            var kind = roll < 0.45 ? OpKind.Write : roll < 0.88 ? OpKind.Read : OpKind.Delete;
            failed = await RunOneAsync(nodes[node], kind, key, kind == OpKind.Write ? $"s{_session}-{n}" : null, cancellationToken) != Outcome.Ok;
        }
    }

    // A batch read goes in the history as one read per key, sharing the index of the first as their batch.
    private async Task<Outcome> ReadBatchAsync(NodeProcess node, IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        var slots = batch.Select(_ => history.Invoke()).ToList();
        Outcome Done(Outcome outcome, Func<string, Observation?>? result, string? error)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                history.Complete(new Operation(
                    slots[i].Index, _session, node.NodeId, OpKind.Read, batch[i], null, outcome, result?.Invoke(batch[i]), slots[i].Invoked, history.Now, error)
                {
                    Batch = slots[0].Index,
                });
            }

            return outcome;
        }

        try
        {
            var result = await _client.ReadManyAsync(node.Address, batch, cancellationToken);
            if (result.Status == HttpStatusCode.Gone)
            {
                var gone = Done(Outcome.Fail, null, $"410 {result.Problem}");
                RenewSession();
                return gone;
            }

            return result is { IsSuccess: true, Batch: { } read }
                ? Done(Outcome.Ok, key => read.Versions.TryGetValue(key, out var item)
                    ? new Observation(item.Origin, ClockText.Plain(item.Clock), item.Deleted ? null : item.Value)
                    : null, null)
                : Done(Outcome.Fail, null, $"{(int)result.Status} {result.Problem}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            return Done(Outcome.Fail, null, ex.GetType().Name); // a read changes nothing, whatever happened to it
        }
    }

    // A multi-key write goes in the history as one write or delete per key, sharing the index of the first as their batch.
    private async Task<Outcome> WriteBatchAsync(NodeProcess node, IReadOnlyList<(string Key, string? Value)> batch, CancellationToken cancellationToken)
    {
        var slots = batch.Select(_ => history.Invoke()).ToList();
        Outcome Done(Outcome outcome, Func<string, Observation?>? result, string? error)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var (key, value) = batch[i];
                history.Complete(new Operation(
                    slots[i].Index, _session, node.NodeId, value is null ? OpKind.Delete : OpKind.Write, key, value, outcome, result?.Invoke(key),
                    slots[i].Invoked, history.Now, error)
                {
                    Batch = slots[0].Index,
                });
            }

            return outcome;
        }

        try
        {
            var result = await _client.WriteManyAsync(
                node.Address,
                batch.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value),
                [.. batch.Where(c => c.Value is null).Select(c => c.Key)],
                cancellationToken);
            if (result.Status == HttpStatusCode.Gone)
            {
                var gone = Done(Outcome.Fail, null, $"410 {result.Problem}");
                RenewSession();
                return gone;
            }

            return result switch
            {
                { IsSuccess: true, Written: { } written } => Done(Outcome.Ok, key => written.Versions.TryGetValue(key, out var item)
                    ? new Observation(item.Origin, ClockText.Plain(item.Clock), item.Deleted ? null : item.Value)
                    : null, null),
                _ => Done((int)result.Status >= 500 && result.Status != HttpStatusCode.ServiceUnavailable ? Outcome.Info : Outcome.Fail,
                    null, $"{(int)result.Status} {result.Problem}"),
            };
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            // As for a single write (see RunOneAsync): HttpClient may have sent it once already on a pooled connection.
            return Done(Outcome.Info, null, "connection refused");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            return Done(Outcome.Info, null, ex.GetType().Name); // the node may have applied it before the answer was lost
        }
    }

    // Called after the 410 is recorded under the old session: the new one starts with no context.
    private void RenewSession()
    {
        _session += RenewedSessionStride;
        _client = new KvSession(http);
    }

    private async Task<Outcome> RunOneAsync(NodeProcess node, OpKind kind, string key, string? value, CancellationToken cancellationToken)
    {
        var (index, invoked) = history.Invoke();
        Operation Done(Outcome outcome, Observation? result, string? error)
        {
            var operation = new Operation(index, _session, node.NodeId, kind, key, value, outcome, result, invoked, history.Now, error);
            history.Complete(operation);
            return operation;
        }

        try
        {
            var result = kind switch
            {
                OpKind.Write => await _client.PutAsync(node.Address, key, value!, cancellationToken),
                OpKind.Delete => await _client.DeleteAsync(node.Address, key, cancellationToken),
                _ => await _client.GetAsync(node.Address, key, cancellationToken),
            };
            if (result.Status == HttpStatusCode.Gone)
            {
                var gone = Done(Outcome.Fail, null, $"410 {result.Problem}");
                RenewSession();
                return gone.Outcome;
            }

            return (result switch
            {
                { IsSuccess: true, Item: { } item } => Done(Outcome.Ok, new Observation(item.Origin, ClockText.Plain(item.Clock), item.Deleted ? null : item.Value), null),
                { Status: HttpStatusCode.NotFound } when kind == OpKind.Read =>
                    Done(Outcome.Ok, result.Item is { } tombstone ? new Observation(tombstone.Origin, ClockText.Plain(tombstone.Clock), null) : null, null),
                // A refusal (4xx, or 503 from a node that does not take writes) changed nothing; any other 5xx might have.
                _ => Done((int)result.Status >= 500 && result.Status != HttpStatusCode.ServiceUnavailable ? Outcome.Info : Outcome.Fail,
                    null, $"{(int)result.Status} {result.Problem}"),
            }).Outcome;
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            // Nothing listened at the last attempt. A read changed nothing. But HttpClient sends a request again on a new
            // connection when a pooled one breaks before any answer: the node may have applied the first attempt and died
            // before answering (membership sweep, seed 61: a delete applied 28 ms before a kill -9,
            // the client told "connection refused"). Only a read is a definite failure.
            return Done(kind == OpKind.Read ? Outcome.Fail : Outcome.Info, null, "connection refused").Outcome;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            // The node may have applied a write before the answer was lost; a read changes nothing either way. A node
            // killed while the connection opens can surface as a bare SocketException ("Transport endpoint is not
            // connected", from HttpClient reading the remote end point), not wrapped in HttpRequestException.
            return Done(kind == OpKind.Read ? Outcome.Fail : Outcome.Info, null, ex.GetType().Name).Outcome;
        }
    }
}
