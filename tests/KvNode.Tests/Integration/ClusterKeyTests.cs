using System.Net;
using System.Net.Http.Headers;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class ClusterKeyTests
{
    private static readonly object Batch = new
    {
        from = "kv2",
        writes = new[] { new { origin = "kv2", clock = new { kv2 = 1 }, lamport = 1, key = "x", value = "forged" } },
    };

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key-0123456789", HttpStatusCode.Forbidden)]
    [InlineData("", HttpStatusCode.Unauthorized)]
    public async Task Replication_without_the_cluster_key_is_401_with_a_wrong_one_403_and_changes_nothing(string? key, HttpStatusCode expected)
    {
        await using var cluster = await KvCluster.StartAsync(2);
        using var http = cluster["kv1"].Http();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.PostAsJsonAsync("/internal/replicate", Batch);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null((await cluster["kv1"].Node.ReadAsync("x")));
    }

    [Fact]
    public async Task Replication_with_the_cluster_key_is_accepted()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        using var admin = cluster["kv1"].Admin();

        using var response = await admin.PostAsJsonAsync("/internal/replicate", Batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("forged", (await cluster["kv1"].Node.ReadAsync("x"))?.Value);
    }

    [Theory]
    [InlineData("POST", "/admin/links/kv2/hold")]
    [InlineData("POST", "/admin/links/kv2/release")]
    [InlineData("PUT", "/admin/links/kv2")]
    [InlineData("GET", "/admin/links")]
    public async Task Fault_injection_without_the_cluster_key_is_401(string method, string path)
    {
        await using var cluster = await KvCluster.StartAsync(2);
        using var http = cluster["kv1"].Http();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { dropRate = 1.0 }),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((await cluster["kv1"].StatusAsync()).Peers["kv2"].Held);
    }

    [Fact]
    public async Task A_peer_that_rejects_the_cluster_key_is_reported_as_misconfigured_not_as_down()
    {
        await using var cluster = await KvCluster.StartAsync(2, new Dictionary<string, string?> { ["Kv:ContextWaitTimeout"] = "00:00:00.100" });
        // kv2 restarts without its (in-memory) state under another key: it cannot even announce itself, so it stays read-only.
        var kv2 = await cluster.RestartAsync("kv2", waitForWrites: false, settings: new Dictionary<string, string?> { ["Kv:ClusterKey"] = "another-cluster-key-0123456789" });
        using var http = cluster["kv1"].Http();
        var links = cluster["kv1"].Services.GetRequiredService<GridAspire.KvNode.Replication.PeerLinks>();

        await new GridAspire.KvClient.Client.KvSession(http).PutAsync(cluster["kv1"].Address, "x", "1");
        // First the stream breaks as kv2 restarts (unreachable); then kv2 answers, and refuses the key.
        await Signals.UntilAsync(
            links.All["kv2"].ProblemChanged, () => links.All["kv2"].Problem?.Contains("403", StringComparison.Ordinal) == true, "kv1 reports the link's problem", TimeSpan.FromSeconds(10));

        var peer = (await cluster["kv1"].StatusAsync()).Peers["kv2"];
        Assert.False(peer.Reachable);
        Assert.Contains("cluster key", peer.Problem, StringComparison.Ordinal);
        Assert.Contains("403", peer.Problem, StringComparison.Ordinal); // a key was presented, and it is the wrong one
        Assert.Null(await kv2.Node.ReadAsync("x"));

        // Not ready (it takes no writes, and says why), but alive.
        using var kv2Http = kv2.Http();
        using var health = await kv2Http.GetAsync("/health");
        using var alive = await kv2Http.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Contains("rejoining", (await kv2.StatusAsync()).WritesRefused, StringComparison.Ordinal);
    }
}
