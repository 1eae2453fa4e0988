using GridAspire.ServiceDefaults;

namespace GridAspire.KvNode.Tests.Integration;

internal static class Signals
{
    /// <summary>Waits until <paramref name="condition"/> holds, re-checking only when <paramref name="signal"/> pulses.</summary>
    public static async Task UntilAsync(AsyncSignal signal, Func<bool> condition, string what, TimeSpan? timeout = null)
    {
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
                Assert.Fail($"timed out waiting until {what}");
            }
        }
    }
}
