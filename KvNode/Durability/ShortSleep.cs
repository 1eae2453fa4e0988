using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// Sleeps for a fraction of a millisecond. <see cref="Thread.Sleep(TimeSpan)"/> rounds to whole milliseconds, far too
/// coarse for a group commit's delay; on Linux and macOS <c>nanosleep</c> sleeps for the time asked (plus the kernel's
/// timer slack, about 50 µs). Elsewhere it yields until the time has passed.
/// </summary>
internal static partial class ShortSleep
{
    /// <summary>Blocks the calling thread for about <paramref name="duration"/>.</summary>
    public static void For(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var request = new Timespec(duration.Ticks / TimeSpan.TicksPerSecond, duration.Ticks % TimeSpan.TicksPerSecond * 100);
            _ = nanosleep(in request, IntPtr.Zero); // woken early by a signal: the group is just smaller
            return;
        }

        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            Thread.Yield();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int nanosleep(in Timespec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Timespec(long Seconds, long Nanoseconds);
}
