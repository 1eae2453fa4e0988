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
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    [InlineData("")]
    public async Task Replication_without_the_cluster_key_is_401_and_changes_nothing(string? key)
    {
        await using var cluster = KvCluster.Start(2);
        using var http = cluster["kv1"].Http();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.PostAsJsonAsync("/internal/replicate", Batch);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(cluster["kv1"].Node.Read("x"));
    }

    [Fact]
    public async Task Replication_with_the_cluster_key_is_accepted()
    {
        await using var cluster = KvCluster.Start(2);
        using var admin = cluster["kv1"].Admin();

        using var response = await admin.PostAsJsonAsync("/internal/replicate", Batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("forged", cluster["kv1"].Node.Read("x")?.Value);
    }

    [Theory]
    [InlineData("POST", "/admin/links/kv2/hold")]
    [InlineData("POST", "/admin/links/kv2/release")]
    [InlineData("PUT", "/admin/links/kv2")]
    [InlineData("GET", "/admin/links")]
    public async Task Fault_injection_without_the_cluster_key_is_401(string method, string path)
    {
        await using var cluster = KvCluster.Start(2);
        using var http = cluster["kv1"].Http();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { dropRate = 1.0 }),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((await cluster["kv1"].StatusAsync()).Peers["kv2"].Held);
    }
}
