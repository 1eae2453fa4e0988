using GridAspire.KvNode.Core;

namespace GridAspire.TestHosts;

/// <summary>Event-driven waits: re-check a condition only when the system says something changed.</summary>
public static class Signals
{
    /// <summary>Waits until <paramref name="condition"/> holds, re-checking only when <paramref name="signal"/> pulses.</summary>
    public static async Task UntilAsync(AsyncSignal signal, Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var next = signal.Next;
            if (condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }
        }
    }
}
