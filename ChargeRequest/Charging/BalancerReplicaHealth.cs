using System.Collections.Concurrent;
using GridAspire.ChargeRequest.Configuration;
using GridAspire.ChargeRequest.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// Which balancer replicas could not be reached lately (passive health, as a reverse proxy keeps it). Such a replica is
/// tried after the others for <see cref="ChargeApiOptions.ReplicaRetryAfter"/>, so a dead one costs one failed attempt
/// per period instead of one per request in turn, and a black-holed one does not add its connect timeout to every other
/// booking. It is never left out: when no other replica answers it is still tried, and one answer puts it back in turn.
/// Each change is logged once (a Warning when it stops answering, Information when it answers again) and counted.
/// </summary>
public sealed class BalancerReplicaHealth(IOptions<ChargeApiOptions> options, ChargeMetrics metrics, TimeProvider time, ILogger<BalancerReplicaHealth> logger)
{
    private readonly ConcurrentDictionary<Uri, long> _failedAt = new();

    // How many replicas _failedAt holds, kept beside it: every request asks whether any does, and the dictionary's own
    // IsEmpty takes all its locks exactly when it is empty, which is nearly always.
    private int _failing;

    /// <summary>
    /// <paramref name="turn"/> with the replicas that failed within the last <see cref="ChargeApiOptions.ReplicaRetryAfter"/>
    /// moved to the end (in turn among themselves). Allocates only while some replica is being avoided.
    /// </summary>
    public BalancerTurn PreferAnswering(BalancerTurn turn)
    {
        if (Volatile.Read(ref _failing) == 0)
        {
            return turn;
        }

        var answering = new List<Uri>(turn.Count);
        var avoided = new List<Uri>();
        for (var i = 0; i < turn.Count; i++)
        {
            (Avoided(turn[i]) ? avoided : answering).Add(turn[i]);
        }

        return avoided.Count == 0 ? turn : new BalancerTurn([.. answering, .. avoided], 0);
    }

    /// <summary>An attempt at <paramref name="replica"/> got no answer (refused, reset, timed out).</summary>
    public void Failed(Uri replica, string detail)
    {
        ArgumentNullException.ThrowIfNull(replica);
        var now = time.GetTimestamp();
        while (true)
        {
            if (_failedAt.TryAdd(replica, now))
            {
                Interlocked.Increment(ref _failing);
                metrics.ReplicaUnanswering(true);
                ChargeLog.ReplicaUnanswering(logger, replica.Authority, detail, options.Value.ReplicaRetryAfter);
                return;
            }

            // Known already: the period starts again. Removed meanwhile by an answer: added again above, and counted.
            if (_failedAt.TryGetValue(replica, out var since) && _failedAt.TryUpdate(replica, now, since))
            {
                return;
            }
        }
    }

    /// <summary><paramref name="replica"/> answered (whatever it said): it is in turn again.</summary>
    public void Answered(Uri replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        if (Volatile.Read(ref _failing) > 0 && _failedAt.TryRemove(replica, out _))
        {
            Interlocked.Decrement(ref _failing);
            metrics.ReplicaUnanswering(false);
            ChargeLog.ReplicaAnswering(logger, replica.Authority);
        }
    }

    private bool Avoided(Uri replica) =>
        _failedAt.TryGetValue(replica, out var failedAt) && time.GetElapsedTime(failedAt) < options.Value.ReplicaRetryAfter;
}
