using GridAspire.Balancer.Polling;

namespace GridAspire.Balancer.Tests;

public sealed class PrometheusTextTests
{
    private const string Exposition = """
        # HELP substation_load_kw Power drawn right now, in kW.
        # TYPE substation_load_kw gauge
        substation_load_kw{substation="s1"} 123.5
        substation_load_kw_total 99
        substation_capacity_kw{substation="s1",zone="north"} 4e2
        untyped_metric 1
        """;

    [Fact]
    public void Samples_are_read_with_their_labels()
    {
        var load = Assert.Single(PrometheusText.Samples(Exposition, "substation_load_kw"));
        var capacity = Assert.Single(PrometheusText.Samples(Exposition, "substation_capacity_kw"));

        Assert.Equal(123.5, load.Value);
        Assert.Equal("s1", load.Labels["substation"]);
        Assert.Equal(400, capacity.Value);
        Assert.Equal("north", capacity.Labels["zone"]);
    }

    [Fact]
    public void Missing_metrics_give_no_samples()
    {
        Assert.Empty(PrometheusText.Samples(Exposition, "substation_active_sessions"));
        Assert.Empty(PrometheusText.Samples("garbage{", "garbage"));
    }
}
