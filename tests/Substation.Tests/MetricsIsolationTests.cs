namespace GridAspire.Substation.Tests;

/// <summary>
/// OpenTelemetry picks meters by name in the whole process; the service defaults drop another host's meters, so a
/// substation's /metrics shows only its own series even beside others in one process (as in these tests).
/// </summary>
public sealed class MetricsIsolationTests
{
    [Fact]
    public async Task Two_substations_in_one_process_each_export_only_their_own_series()
    {
        using var a = new SubstationHost("iso-a", capacityKw: 100);
        using var b = new SubstationHost("iso-b", capacityKw: 200);

        var fromA = await a.Http().GetStringAsync("/metrics");
        var fromB = await b.Http().GetStringAsync("/metrics");

        Assert.Equal(100_000, MetricsText.Value(fromA, "substation_capacity_watts", ("substation", "iso-a")));
        Assert.Null(MetricsText.Value(fromA, "substation_capacity_watts", ("substation", "iso-b")));
        Assert.Equal(200_000, MetricsText.Value(fromB, "substation_capacity_watts", ("substation", "iso-b")));
        Assert.Null(MetricsText.Value(fromB, "substation_capacity_watts", ("substation", "iso-a")));
    }
}
