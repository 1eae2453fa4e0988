using System.Net;
using System.Text;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// At least 30 malformed requests per endpoint, public, internal and admin: each must get a 4xx problem+json,
/// never a 5xx, and leave the node's state exactly as it was.
/// </summary>
public sealed class MalformedInputSweepTests(ThreeNodeCluster fixture) : IClassFixture<ThreeNodeCluster>
{
    /// <summary>Bodies no endpoint should accept, whatever it expects.</summary>
    private static readonly string[] BrokenJson =
    [
        "", " ", "{", "}", "[", "]", "[]", "null", "0", "-1", "true", "\"text\"", "{\"a\":}", "{'single':'quotes'}",
        "{\"unterminated\": \"", "{,}", "{\"a\":1,}", "\u0000", "{\"nan\": NaN}", "{\"value\": 1e999999, \"dropRate\": 1e999999, \"from\": 1e999999}",
        new string('[', 2000) + new string(']', 2000), "{\"a\":1}{\"b\":2}", "<xml/>", "\uFEFF{", "{\"\\uD800\": 1}",
    ];

    private readonly KvCluster _cluster = fixture.Cluster;

    public static TheoryData<string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, bool>();
        void Add(string endpoint, string method, string path, IEnumerable<string> bodies, bool key)
        {
            var count = 0;
            foreach (var body in bodies)
            {
                data.Add(method, path, body, key);
                count++;
            }

            if (count < 30)
            {
                throw new InvalidOperationException($"{endpoint}: only {count} cases");
            }
        }

        Add("PUT /kv", "PUT", "/kv/x", BrokenJson.Concat(
        [
            "{}", """{"value":null}""", """{"value":5}""", """{"value":true}""", """{"value":[]}""", """{"value":{}}""",
            """{"Value":1.5}""", """{"value":["a"]}""", "{\"value\":\"" + new string('v', (1024 * 1024) + 1) + "\"}",
        ]), key: false);
        Add("PUT /kv long keys", "PUT", "/kv/" + new string('k', 257), BrokenJson.Concat(
        [
            """{"value":"ok"}""", """{"value":""}""", """{"value":"x"}""", """{"value":"é"}""", """{"value":"long"}""", """{"value":"1"}""",
        ]), key: false);
        Add("POST /internal/replicate", "POST", "/internal/replicate", BrokenJson.Concat(
        [
            "{}", """{"from":"kv2"}""", """{"writes":[]}""", """{"from":5,"writes":[]}""", """{"from":"kv2","writes":{}}""",
            """{"from":"kv9","writes":[]}""", """{"from":"kv1","writes":[]}""", """{"from":"","writes":[]}""",
            """{"from":"kv2","writes":[null]}""", """{"from":"kv2","writes":[{}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":-1},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1,"kv9":1},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1,"kv1":99},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv3","clock":{"kv3":1},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1},"lamport":0,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1},"lamport":1,"key":"","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":"kv2:1","lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":"one"},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1.5},"lamport":1,"key":"x","value":"v"}]}""",
            """{"from":"kv2","writes":[{"origin":"kv2","clock":{"kv2":1},"lamport":1,"key":"x","value":7}]}""",
        ]), key: true);
        Add("POST /internal/members/join", "POST", "/internal/members/join", BrokenJson.Concat(
        [
            "{}", """{"id":"kv9"}""", """{"url":"http://127.0.0.1:1"}""", """{"id":"KV9","url":"http://127.0.0.1:1"}""",
            """{"id":"kv9","url":"relative"}""", """{"id":"kv9","url":"ftp://127.0.0.1:1"}""", """{"id":"kv9.2","url":"http://127.0.0.1:1"}""",
            """{"id":"","url":"http://127.0.0.1:1"}""", """{"id":5,"url":"http://127.0.0.1:1"}""", """{"id":"kv1","url":"http://127.0.0.1:1"}""",
            """{"id":"-kv9","url":"http://127.0.0.1:1"}""", """{"id":"kv9","url":5}""",
        ]), key: true);
        Add("POST /internal/members/notice", "POST", "/internal/members/notice", BrokenJson.Concat(
        [
            "{}", """{"from":"kv2"}""", """{"removed":["kv3"]}""", """{"from":"kv9","removed":["kv3"]}""", """{"from":"kv1","removed":["kv3"]}""",
            """{"from":5,"removed":["kv3"]}""", """{"from":"kv2","removed":"kv3"}""", """{"from":"kv2","joined":["kv9"]}""",
            """{"from":"","removed":[]}""", """{"from":"kv2","removed":[5]}""", """{"from":"kv2","joined":{"kv9":5}}""",
        ]), key: true);
        Add("PUT /admin/links", "PUT", "/admin/links/kv2", BrokenJson.Concat(
        [
            """{"dropRate":2}""", """{"dropRate":-0.1}""", """{"delayMs":-1}""", """{"delayMs":60001}""", """{"jitterMs":-5}""",
            """{"dropRate":"lots"}""", """{"delayMs":"slow"}""", """{"seed":"x"}""", """{"reorder":"yes"}""", """{"delayMs":1.5}""",
        ]), key: true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_requests_get_a_4xx_problem_and_change_nothing(string method, string path, string body, bool clusterKey)
    {
        var kv1 = _cluster["kv1"];
        using var http = clusterKey ? kv1.Admin() : kv1.Http();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        await kv1.AssertRefusedWithoutChangeAsync(http, request);
        using var links = await kv1.Admin().GetAsync("/admin/links");
        Assert.Contains("\"dropRate\":0", await links.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1.")]
    [InlineData("v1.!!")]
    [InlineData("v2.eyJrdjEiOjF9")]
    [InlineData("v1.eyJrdjEiOi0xfQ")]
    [InlineData("v1.eyJrdjkiOjF9")]
    [InlineData("v1.WzFd")]
    [InlineData("v1.bnVsbA")]
    [InlineData("v1.eyJrdjEiOiJ4In0")]
    [InlineData("v1.e30x")]
    public async Task Reads_and_deletes_with_bad_tokens_get_400_and_change_nothing(string token)
    {
        var kv1 = _cluster["kv1"];
        using var http = kv1.Http();
        var before = kv1.Node.Status();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, "/kv/x");
            request.Headers.TryAddWithoutValidation("X-Causal-Context", token);

            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before.Clock, kv1.Node.Status().Clock);
    }
}
