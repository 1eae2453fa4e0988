using Microsoft.Extensions.Time.Testing;

namespace GridAspire.TestHosts;

/// <summary>
/// A balancer's clock in tests: timers and timestamps (polls, estimates, slow start) move only when the test advances
/// <paramref name="controlled"/>, but the time of day never falls behind the machine's. What the balancer reads as the
/// time of day leaves the process: the deadline it hands a substation, which the substation reads on the real clock.
/// A frozen time of day made that deadline seem past once a few real seconds had gone by since the host was built (a
/// slow start-up on a loaded machine), and the substation refused the booking (503).
/// </summary>
public sealed class WallClockNeverBehind(FakeTimeProvider controlled) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var advanced = controlled.GetUtcNow();
        var real = System.GetUtcNow();
        return advanced > real ? advanced : real;
    }

    /// <inheritdoc />
    public override long GetTimestamp() => controlled.GetTimestamp();

    /// <inheritdoc />
    public override long TimestampFrequency => controlled.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => controlled.LocalTimeZone;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        controlled.CreateTimer(callback, state, dueTime, period);
}
