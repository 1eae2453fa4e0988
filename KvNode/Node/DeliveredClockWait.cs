using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>
/// How a request waits for the node to catch up with a client's causal context: it checks the delivered clock, and
/// between checks waits for the clock to move (no polling), up to a deadline measured on the injected clock.
/// </summary>
internal static class DeliveredClockWait
{
    /// <summary>True once <paramref name="readings"/> cover <paramref name="needed"/>; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> UntilAsync(
        VectorClock needed, TimeSpan timeout, NodeReadings readings, AsyncSignal clockAdvanced, DeliveryReporter reporter, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needed);
        if (readings.Clock.Covers(needed))
        {
            return true; // the common case: nothing to wait for, no deadline to compute
        }

        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            var advanced = clockAdvanced.Next;
            if (readings.Clock.Covers(needed))
            {
                return true;
            }

            var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                reporter.Behind(needed, readings.Clock, timeout);
                return false;
            }

            try
            {
                await advanced.WaitAsync(remaining, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Loop once more: the last check decides.
            }
        }
    }
}
