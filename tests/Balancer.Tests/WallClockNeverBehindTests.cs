using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Balancer.Tests;

/// <summary>
/// The test balancer's clock: its timers wait for the test, its time of day never lags the machine's (a substation
/// reads the balancer's deadline on the real clock; a frozen one made bookings fail after a slow start-up).
/// </summary>
public sealed class WallClockNeverBehindTests
{
    [Fact]
    public void Its_time_of_day_is_never_behind_the_machines_and_its_timers_move_only_when_the_test_advances_them()
    {
        var controlled = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(1)); // built long ago
        var clock = new WallClockNeverBehind(controlled);

        var before = DateTimeOffset.UtcNow;
        Assert.True(clock.GetUtcNow() >= before, "the time of day lags the machine's");

        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var started = clock.GetTimestamp();
        Assert.Equal(0, fired);
        controlled.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.GetElapsedTime(started));

        controlled.Advance(TimeSpan.FromHours(2)); // the test's time now runs ahead of the machine's: it wins
        Assert.True(clock.GetUtcNow() > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(59));
    }
}
