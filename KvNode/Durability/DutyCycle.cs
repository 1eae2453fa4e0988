using System.Diagnostics;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// Keeps a background thread busy for at most a share of the time: after each piece of work it sleeps long enough
/// that work / (work + sleep) stays at or under the share. Sleeping, unlike a lower thread priority, keeps the thread
/// at a point where the garbage collector can suspend it at once.
/// </summary>
internal sealed class DutyCycle(double share)
{
    // Sleeps shorter than the scheduler's tick are not honoured; rest in whole slices instead.
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(5);
    private long _since = Stopwatch.GetTimestamp();

    /// <summary>Sleeps for as long as the work since the last call asks for.</summary>
    public void Rest()
    {
        if (share >= 1)
        {
            return;
        }

        var worked = Stopwatch.GetElapsedTime(_since);
        if (worked < Slice)
        {
            return;
        }

        var rest = worked * ((1 - share) / share);
        if (rest > TimeSpan.Zero)
        {
            Thread.Sleep(rest);
        }

        _since = Stopwatch.GetTimestamp();
    }
}
