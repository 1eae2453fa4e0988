using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class BadInputTests(ThreeNodeCluster fixture) : IClassFixture<ThreeNodeCluster>
{
    private static readonly string LongKey = new('k', 257);
    private static readonly string OneMiBPlusOne = new('v', (1024 * 1024) + 1);
    private readonly KvCluster _cluster = fixture.Cluster;

    public static TheoryData<string, string, string?, string?, bool> Cases => new()
    {
        // method, path, body, causal-context header, needs cluster key
        { "PUT", "/kv/x", null, null, false },
        { "PUT", "/kv/x", "{", null, false },
        { "PUT", "/kv/x", """{"value": 5}""", null, false },
        { "PUT", "/kv/x", """{"value": null}""", null, false },
        { "PUT", "/kv/x", "{}", null, false },
        { "PUT", "/kv/x", "[1,2]", null, false },
        { "PUT", $"/kv/{LongKey}", """{"value":"v"}""", null, false },
        { "PUT", "/kv/x", $$"""{"value":"{{OneMiBPlusOne}}"}""", null, false },
        { "GET", "/kv/x", null, "garbage", false },
        { "GET", "/kv/x", null, "v1.eyJrdjkiOjF9", false },
        { "GET", "/kv/x", null, "v1.eyJrdjEiOi0xfQ", false },
        { "DELETE", $"/kv/{LongKey}", null, null, false },
        { "GET", "/kv/", null, null, false },
        { "POST", "/internal/replicate", "{", null, true },
        { "POST", "/internal/replicate", "{}", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":-1},"lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1,"kv9":1},"lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1,"kv1":5},"lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv3","clock":{"kv3":1},"lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv1","writes":[{"origin":"kv1","clock":{"kv1":1},"lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv9","writes":[]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1},"lamport":1,"key":"","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":{},"lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1},"lamport":0,"key":"x","value":"v"}]}""", null, true },
        { "POST", "/internal/replicate", """{"from":"kv2","writes":[{"origin":"kv2","clock":"nope","lamport":1,"key":"x","value":"v"}]}""", null, true },
        { "PUT", "/admin/links/kv2", """{"dropRate": 2}""", null, true },
        { "PUT", "/admin/links/kv2", """{"delayMs": -1}""", null, true },
        { "PUT", "/admin/links/kv2", """{"dropRate": "lots"}""", null, true },
        { "PUT", "/admin/links/nope", """{"dropRate": 0.1}""", null, true },
        { "POST", "/admin/links/nope/hold", null, null, true },
        { "POST", "/batch/read", null, null, false },
        { "POST", "/batch/read", "{}", null, false },
        { "POST", "/batch/read", """{"keys": []}""", null, false },
        { "POST", "/batch/read", """{"keys": ["a", "a"]}""", null, false },
        { "POST", "/batch/read", """{"keys": ["a", ""]}""", null, false },
        { "POST", "/batch/read", """{"keys": "a"}""", null, false },
        { "POST", "/batch/read", $$"""{"keys": ["{{LongKey}}"]}""", null, false },
        { "POST", "/batch/read", $$"""{"keys": [{{string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"k{i}\""))}}]}""", null, false },
        { "POST", "/batch/read", """{"keys": ["a"]}""", "garbage", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_4xx_problem_and_changes_nothing(
        string method, string path, string? body, string? context, bool clusterKey)
    {
        var kv1 = _cluster["kv1"];
        using var http = clusterKey ? kv1.Admin() : kv1.Http();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (context is not null)
        {
            request.Headers.Add("X-Causal-Context", context);
        }

        await kv1.AssertRefusedWithoutChangeAsync(http, request);
        Assert.False((await kv1.StatusAsync()).Peers["kv2"].Held);
        using var health = await kv1.Http().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_body_far_beyond_the_value_limit_is_refused_before_it_is_read()
    {
        using var http = _cluster["kv1"].Http();
        using var content = new ByteArrayContent(new byte[9 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Put, "/kv/x") { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null((await _cluster["kv1"].Node.ReadAsync("x")));
    }
}
