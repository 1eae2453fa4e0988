using GridAspire.Balancer.Polling;

namespace GridAspire.Balancer.Tests;

public sealed class PrometheusTextTests
{
    private const string Exposition = """
        # HELP substation_load_watts Power drawn right now.
        # TYPE substation_load_watts gauge
        substation_load_watts{otel_scope_name="GridAspire.Substation",substation="s1"} 123.5
        substation_load_watts_total 99
        substation_capacity_watts{substation="s1",zone="north"} 4e2
        untyped_metric 1
        """;

    [Fact]
    public void Samples_are_read_with_their_labels()
    {
        var load = Assert.Single(PrometheusText.Samples(Exposition, "substation_load_watts"));
        var capacity = Assert.Single(PrometheusText.Samples(Exposition, "substation_capacity_watts"));

        Assert.Equal(123.5, load.Value);
        Assert.Equal("s1", load.Labels["substation"]);
        Assert.Equal(400, capacity.Value);
        Assert.Equal("north", capacity.Labels["zone"]);
    }

    [Fact]
    public void One_pass_finds_the_first_sample_of_each_wanted_metric_and_skips_those_sharing_a_prefix()
    {
        var found = PrometheusText.FirstSamples(Exposition, new HashSet<string> { "substation_load_watts", "substation_capacity_watts", "absent" });

        Assert.Equal(123.5, found["substation_load_watts"].Value);
        Assert.Equal("GridAspire.Substation", found["substation_load_watts"].Labels["otel_scope_name"]);
        Assert.Equal(400, found["substation_capacity_watts"].Value);
        Assert.False(found.ContainsKey("absent"));
    }

    [Fact]
    public void Missing_metrics_give_no_samples()
    {
        Assert.Empty(PrometheusText.Samples(Exposition, "substation_sessions_active"));
        Assert.Empty(PrometheusText.Samples("garbage{", "garbage"));
    }
}
