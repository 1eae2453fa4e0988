using GridAspire.Contracts.Kv;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAspire.Explorer.Collection;
using GridAspire.Explorer.ShiViz;
using Microsoft.Extensions.DependencyInjection;

namespace GridAspire.Explorer.Tests;

/// <summary>The explorer's API over real HTTP against real KV nodes: relaying calls, failing cleanly, exporting for ShiViz.</summary>
public sealed class ExplorerApiTests
{
    private const string Context = "X-Causal-Context";

    [Fact]
    public async Task The_scenario_through_the_api_exports_a_log_that_keeps_shivizs_rules_with_arrows_from_sends_to_receives()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        await using var explorer = new ExplorerHost(cluster);
        using var http = new HttpClient { BaseAddress = explorer.Start() };
        await BrowserTests.WatchedAsync(cluster);

        (await http.PostAsync("/api/nodes/kv1/links/kv3/hold", null)).EnsureSuccessStatusCode();
        using var x = await http.PutAsJsonAsync("/api/nodes/kv1/kv/x", new { value = "1" });
        Assert.Equal(HttpStatusCode.OK, x.StatusCode);
        var token = x.Headers.GetValues(Context).Single();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/nodes/kv2/kv/x") { Headers = { { Context, token } } };
        using var readAnswer = await http.SendAsync(read);
        Assert.Equal("1", (await readAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString());
        using var y = new HttpRequestMessage(HttpMethod.Put, "/api/nodes/kv2/kv/y")
        {
            Headers = { { Context, readAnswer.Headers.GetValues(Context).Single() } },
            Content = JsonContent.Create(new { value = "2" }),
        };
        (await http.SendAsync(y)).EnsureSuccessStatusCode();
        var kv3 = cluster["kv3"].Node;
        await Signals.UntilAsync(kv3.Received, () => kv3.Status().Buffered == 1, "kv3 buffers y");
        (await http.PostAsync("/api/nodes/kv1/links/kv3/release", null)).EnsureSuccessStatusCode();
        await Signals.UntilAsync(kv3.ClockAdvanced, () => kv3.Clock["kv2"] == 1 && kv3.Clock["kv1"] == 1, "kv3 delivers both");
        await PageStream.WaitForAsync(http, e => e is { Node: "kv3", Kind: NodeEventKind.Delivered, Key: "y" });
        var log = explorer.Services.GetRequiredService<EventLog>();

        var shiviz = await http.GetStringAsync("/api/export/shiviz");

        Assert.StartsWith(ShiVizLog.Pattern + "\n\n", shiviz, StringComparison.Ordinal);
        Assert.Empty(ShiVizRules.Violations(shiviz));
        var stamped = ShiVizLog.Stamp(log.All());
        var receives = stamped.Where(s => s.Event.Kind == NodeEventKind.Receive && s.Event.SentAs is not null).ToList();
        Assert.NotEmpty(receives);
        foreach (var (receive, clock) in receives)
        {
            var (_, sendClock) = stamped.Single(s => s.Event.Node == receive.Peer && s.Event.Id == receive.SentAs);
            Assert.All(sendClock, e => Assert.True(clock.GetValueOrDefault(e.Key) >= e.Value, $"{receive.Node}'s receive covers {receive.Peer}'s send"));
        }

        var lines = shiviz.Split('\n');
        var heldAt = Array.FindIndex(lines, l => l.StartsWith("kv3 ", StringComparison.Ordinal) && l.Contains("buffer y", StringComparison.Ordinal));
        var xAt = Array.FindIndex(lines, l => l.StartsWith("kv3 ", StringComparison.Ordinal) && l.Contains("deliver x", StringComparison.Ordinal));
        var yAt = Array.FindIndex(lines, l => l.StartsWith("kv3 ", StringComparison.Ordinal) && l.Contains("deliver y", StringComparison.Ordinal));
        Assert.True(heldAt > 0 && heldAt < xAt && xAt < yAt, string.Join("\n", lines.Where(l => l.StartsWith("kv3 ", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_album_scenario_through_the_api_shows_bob_the_anomaly_with_single_reads_and_never_with_a_batch_read()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        await using var explorer = new ExplorerHost(cluster);
        using var http = new HttpClient { BaseAddress = explorer.Start() };
        var scenario = await http.GetFromJsonAsync<JsonElement>("/api/scenarios/album?run=t1");
        Assert.Equal(11, scenario.GetProperty("steps").GetArrayLength());
        string? token = null;
        var answers = new Dictionary<int, JsonElement>();
        try
        {
            for (var step = 1; step <= 11; step++)
            {
                if (step == 10)
                {
                    var alice = token!; // Bob reads the album once Alice's writes reached kv2
                    await Signals.UntilAsync(cluster["kv2"].Node.ClockAdvanced, () => cluster["kv2"].Node.Clock["kv1"] >= 4, "kv2 has Alice's writes");
                    Assert.Equal(alice, token);
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/scenarios/album/steps/{step}?run=t1");
                if (token is not null)
                {
                    request.Headers.Add(Context, token);
                }

                using var answer = await http.SendAsync(request);
                Assert.True(answer.IsSuccessStatusCode, $"step {step}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                if (answer.Headers.TryGetValues(Context, out var tokens))
                {
                    Assert.True(step <= 6, $"step {step} is Bob's and must leave Alice's token alone");
                    token = tokens.Single();
                }

                var body = await answer.Content.ReadAsStringAsync();
                answers[step] = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
            }
        }
        finally
        {
            (await http.PostAsync("/api/scenarios/album/cleanup?run=t1", null)).EnsureSuccessStatusCode();
        }

        static string Pair(JsonElement batch) => $"{batch.GetProperty("values").GetProperty("acl-t1").GetString()}|{batch.GetProperty("values").GetProperty("album-t1").GetString()}";
        Assert.Equal("alice,bob", answers[7].GetProperty("value").GetString());
        Assert.Equal("holiday,private-photo", answers[10].GetProperty("value").GetString()); // the anomaly, with single reads
        Assert.Equal("alice,bob|holiday", Pair(answers[3]));
        Assert.Equal("alice,bob|holiday", Pair(answers[8]));
        Assert.Equal("alice|holiday,private-photo", Pair(answers[11]));
        var unknown = await http.GetAsync("/api/scenarios/nope?run=t1");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("album", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_checker_catches_a_log_shiviz_would_refuse()
    {
        var good = ShiVizLog.Pattern + "\n\nkv1 {\"kv1\": 1} put x\nkv2 {\"kv1\": 1, \"kv2\": 1} receive x\n";
        Assert.Empty(ShiVizRules.Violations(good));

        Assert.NotEmpty(ShiVizRules.Violations(good.Replace("{\"kv1\": 1, \"kv2\": 1}", "{\"kv1\": 1, \"kv2\": 2}", StringComparison.Ordinal)));
        Assert.NotEmpty(ShiVizRules.Violations(good.Replace("{\"kv1\": 1, \"kv2\": 1}", "{\"kv1\": 2, \"kv2\": 1}", StringComparison.Ordinal)));
        Assert.NotEmpty(ShiVizRules.Violations(good.Replace("\n\nkv1", "\nnot empty\nkv1", StringComparison.Ordinal)));
        Assert.NotEmpty(ShiVizRules.Violations(good + "kv1 no clock here\n"));
    }

    [Fact]
    public async Task An_unknown_node_is_a_404_and_a_node_that_is_down_a_502_within_the_timeout()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        await using var explorer = new ExplorerHost(cluster, new Dictionary<string, string?> { ["Explorer:NodeTimeout"] = "00:00:01" });
        using var http = new HttpClient { BaseAddress = explorer.Start() };
        await BrowserTests.WatchedAsync(cluster);

        using var unknown = await http.GetAsync("/api/nodes/kv9/status");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        await cluster["kv2"].DisposeAsync();
        var started = TimeProvider.System.GetTimestamp();
        using var down = await http.PutAsJsonAsync("/api/nodes/kv2/kv/k", new { value = "v" });
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Contains("kv2", (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));

        var kv2 = await PageStream.NodesUntilAsync(http, nodes => nodes.Single(n => n.Node == "kv2") is { Connected: false, Problem: not null });
        Assert.True(kv2.Single(n => n.Node == "kv1").Connected);
        using var stillUp = await http.GetAsync("/api/nodes/kv1/status");
        Assert.Equal(HttpStatusCode.OK, stillUp.StatusCode);
    }

    [Fact]
    public async Task A_node_that_accepts_connections_but_never_answers_costs_a_bounded_wait_and_is_shown_as_such()
    {
        await using var cluster = await KvCluster.StartAsync(1);
        await using var proxy = new HangingTcpProxy(cluster["kv1"].Address);
        proxy.Hang();
        var settings = new Dictionary<string, string?> { ["Explorer:Nodes:kv1"] = proxy.Address.ToString(), ["Explorer:NodeTimeout"] = "00:00:01" };
        await using var explorer = new ExplorerHost(null, settings);
        using var http = new HttpClient { BaseAddress = explorer.Start() };

        var started = TimeProvider.System.GetTimestamp();
        using var put = await http.PutAsJsonAsync("/api/nodes/kv1/kv/k", new { value = "v" });
        var waited = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.BadGateway, put.StatusCode);
        Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        var nodes = await PageStream.NodesUntilAsync(http, n => n.Single().Problem?.StartsWith("did not answer", StringComparison.Ordinal) == true);
        Assert.Equal("did not answer within 1 s", nodes.Single().Problem);
    }

    [Theory]
    [InlineData("Explorer:ClusterKey", "short")]
    [InlineData("Explorer:NodeTimeout", "00:10:00")]
    [InlineData("Explorer:History", "1")]
    public async Task A_bad_setting_stops_the_explorer_and_names_the_key(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Explorer:Nodes:kv1"] = "http://127.0.0.1:1",
            ["Explorer:ClusterKey"] = KvCluster.ClusterKey,
            [key] = value,
        };

        Assert.Contains(key, await StartupFailure.MessageOfStartAsync(b => b.AddExplorer(), settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_that_joins_gets_a_lane_and_one_that_is_removed_loses_it()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        await using var explorer = new ExplorerHost(cluster, new Dictionary<string, string?> { ["Explorer:MembershipRefresh"] = "00:00:00.100" });
        using var http = new HttpClient { BaseAddress = explorer.Start() };

        var kv4 = cluster.Join("kv4", via: "kv1");
        await kv4.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var joined = await PageStream.NodesUntilAsync(http, nodes => nodes.Any(n => n is { Node: "kv4", Connected: true }));
        Assert.Equal(kv4.Address, joined.Single(n => n.Node == "kv4").Address);

        await cluster.StopAsync("kv3");
        using var removed = await cluster["kv1"].Admin().DeleteAsync("/admin/members/kv3");
        Assert.Equal(System.Net.HttpStatusCode.OK, removed.StatusCode);
        var after = await PageStream.NodesUntilAsync(http, nodes => nodes.All(n => n.Node != "kv3"));
        Assert.Equal(["kv1", "kv2", "kv4"], after.Select(n => n.Node));
        using var gone = await http.GetAsync("/api/nodes/kv3/status");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }
}
