using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridAspire.AppHost.Tests;

/// <summary>
/// <c>Topology:KvOneWayMs</c> puts the local KV nodes in emulated regions: every peer link goes through the delay proxy,
/// each pair at its own distance. The model is read, nothing is started.
/// </summary>
public sealed class KvDistanceTests
{
    [Fact]
    public async Task Three_regions_route_every_peer_link_through_the_delay_proxy_at_its_pairs_distance()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
            ["--launch-profile", "http", "--Topology:KvOneWayMs=10,40,75"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var proxy = Assert.Single(model.Resources.OfType<ProjectResource>(), r => r.Name == "kv-distance");
        // Obsolete in favour of an execution-configuration API, as in ComposeModel; still what a run hands the process.
#pragma warning disable CS0618
        var args = await proxy.GetArgumentValuesAsync();
        Assert.Equal(
            [
                "kv1-kv2=127.0.0.1:7151>127.0.0.1:7102@10", "kv1-kv3=127.0.0.1:7152>127.0.0.1:7103@40",
                "kv2-kv1=127.0.0.1:7160>127.0.0.1:7101@10", "kv2-kv3=127.0.0.1:7162>127.0.0.1:7103@75",
                "kv3-kv1=127.0.0.1:7170>127.0.0.1:7101@40", "kv3-kv2=127.0.0.1:7171>127.0.0.1:7102@75",
            ],
            args.Where((_, i) => i % 2 == 1));
        Assert.All(args.Where((_, i) => i % 2 == 0), a => Assert.Equal("--link", a));

        var kv3 = Assert.Single(model.Resources.OfType<ProjectResource>(), r => r.Name == "kv3");
        var environment = await kv3.GetEnvironmentVariableValuesAsync();
#pragma warning restore CS0618
        Assert.Equal("http://127.0.0.1:7170", environment["Kv__Peers__kv1"]);
        Assert.Equal("http://127.0.0.1:7171", environment["Kv__Peers__kv2"]);
    }

    [Fact]
    public async Task Without_distances_there_is_no_proxy_and_nodes_call_each_other()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(["--launch-profile", "http"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.DoesNotContain(model.Resources, r => r.Name == "kv-distance");
    }

    [Fact]
    public async Task KvJoiners_adds_nodes_that_join_through_kv1_and_that_the_explorer_watches()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(["--launch-profile", "http", "--Topology:KvJoiners=2"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var kv5 = Assert.Single(model.Resources.OfType<ProjectResource>(), r => r.Name == "kv5");
#pragma warning disable CS0618 // as above
        var environment = await kv5.GetEnvironmentVariableValuesAsync();
        var explorer = await Assert.Single(model.Resources.OfType<ProjectResource>(), r => r.Name == "explorer").GetEnvironmentVariableValuesAsync();
        var kv2 = await Assert.Single(model.Resources.OfType<ProjectResource>(), r => r.Name == "kv2").GetEnvironmentVariableValuesAsync();
#pragma warning restore CS0618
        Assert.Equal("kv5", environment["Kv__NodeId"]);
        Assert.Equal(kv2["Kv__Peers__kv1"], environment["Kv__Join"]); // kv1 as the other members reach it
        Assert.Equal(explorer["Explorer__Nodes__kv5"], environment["Kv__AdvertisedUrl"]); // its own endpoint
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Kv__Peers__", StringComparison.Ordinal));
        Assert.Contains("Explorer__Nodes__kv5", explorer.Keys);
    }

    [Theory]
    [InlineData("10,far")]
    [InlineData("-5")]
    [InlineData("70000")]
    public async Task A_distance_that_is_not_whole_milliseconds_stops_the_apphost_with_the_setting_named(string oneWayMs)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(["--launch-profile", "http", $"--Topology:KvOneWayMs={oneWayMs}"]));

        Assert.Contains("Topology:KvOneWayMs", error.ToString(), StringComparison.Ordinal);
    }
}
