using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Node;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// A member gone for good is removed while the others serve (<c>DELETE /admin/members/{id}</c>): every member forgets
/// it, durably, and it stops costing them the own writes and tombstones they kept for it. Real nodes on loopback.
/// </summary>
[Collection(MetricsReadAlone.Name)]
public sealed class MemberRemovalTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoGrace = new()
    {
        ["Kv:TombstoneGrace"] = "00:00:00",
        ["Kv:Replication:ClockExchangeInterval"] = "00:00:00.050",
    };

    private readonly string _data = Directory.CreateTempSubdirectory("kv-removal-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_dead_member_removed_at_one_node_stops_costing_every_remaining_node_its_log_and_tombstones()
    {
        await using var cluster = await KvCluster.StartAsync(3, NoGrace, _data);
        await cluster.StopAsync("kv3");
        using var http = new HttpClient();
        var session = new KvSession(http);
        KvResult last = null!;
        for (var i = 0; i < 40; i++)
        {
            last = await session.PutAsync(cluster["kv1"].Address, $"k{i}", "v");
        }

        for (var i = 0; i < 10; i++)
        {
            last = await session.DeleteAsync(cluster["kv1"].Address, $"k{i}");
        }

        var kv1 = cluster["kv1"];
        var kv2 = cluster["kv2"];
        await Signals.UntilAsync(kv2.Node.ClockAdvanced, () => kv2.Node.Clock.Covers(last.Item!.Clock), "kv2 delivered kv1's writes");
        var before = await session.StatusAsync(kv1.Address);
        Assert.Equal(50, before.OwnWritesKept); // kv3 acknowledged none of them: kv1 keeps them all for it
        Assert.Equal(10, before.Tombstones);

        using var admin = kv1.Admin();
        using var removed = await admin.DeleteAsync("/admin/members/kv3");
        var answer = await removed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("removed", State(answer, "kv3"));
        Assert.Equal("told", answer.GetProperty("told").GetProperty("kv2").GetString());
        await Signals.UntilAsync(kv1.Node.TombstonesForgotten, () => kv1.Node.Status() is { OwnWritesKept: 0, Tombstones: 0 }, "kv1 forgot what it kept for kv3");
        await Signals.UntilAsync(kv2.Node.TombstonesForgotten, () => kv2.Node.Status().Tombstones == 0, "kv2 forgot the deletes");
        var atKv2 = await kv2.Admin().GetFromJsonAsync<JsonElement>("/admin/members");
        Assert.Equal("removed", State(atKv2, "kv3"));
        Assert.Equal("active", State(atKv2, "kv1"));
        var status = await session.StatusAsync(kv2.Address);
        Assert.Equal(["kv3"], status.Removed!);
        Assert.DoesNotContain("kv3", status.Peers.Keys);
        var scrape = await http.GetStringAsync(new Uri(kv2.Address, "/metrics"));
        Assert.Matches("""(?m)^kv_members\{[^}]*state="removed"[^}]*\} 1( |$)""", scrape);
        Assert.Matches("""(?m)^kv_membership_changes_total\{[^}]*change="removed"[^}]*\} 1( |$)""", scrape);

        // New writes no longer wait for kv3: kv1 keeps nothing once kv2 has them.
        var after = await session.PutAsync(kv1.Address, "after", "v");
        await Signals.UntilAsync(kv2.Node.ClockAdvanced, () => kv2.Node.Clock.Covers(after.Item!.Clock), "kv2 delivered the new write");
        var link = kv1.Services.GetRequiredService<GridAspire.KvNode.Replication.PeerLinks>().All["kv2"];
        await Signals.UntilAsync(link.Acknowledged, () => kv1.Node.Status().OwnWritesKept == 0, "kv1 trimmed the new write");
    }

    [Theory]
    [InlineData(null, "kv3", HttpStatusCode.Unauthorized)]
    [InlineData("not-the-cluster-key-at-all", "kv3", HttpStatusCode.Forbidden)]
    [InlineData(KvCluster.ClusterKey, "kv9", HttpStatusCode.NotFound)]
    [InlineData(KvCluster.ClusterKey, "kv1", HttpStatusCode.Conflict)]
    public async Task A_removal_without_the_key_of_an_unknown_id_or_of_itself_is_refused_and_changes_nothing(string? key, string id, HttpStatusCode expected)
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = cluster["kv1"].Http();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.DeleteAsync($"/admin/members/{id}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(cluster["kv1"].Node.Membership.Removed);
        var members = await cluster["kv1"].Admin().GetFromJsonAsync<JsonElement>("/admin/members");
        Assert.All(members.GetProperty("members").EnumerateArray(), m => Assert.Equal("active", m.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_member_down_during_the_removal_learns_it_when_it_returns_and_a_removal_survives_restarts()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        await cluster.StopAsync("kv3");
        await cluster.StopAsync("kv2");

        using var removed = await cluster["kv1"].Admin().DeleteAsync("/admin/members/kv3");
        var answer = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.StartsWith("not told", answer.GetProperty("told").GetProperty("kv2").GetString(), StringComparison.Ordinal);

        var kv2 = await cluster.RestartAsync("kv2");
        var changes = kv2.Services.GetRequiredService<MembershipChanges>();
        await Signals.UntilAsync(changes.Changed, () => kv2.Node.Membership.IsRemoved("kv3"), "kv2 learnt the removal from kv1's stream");

        var kv1 = await cluster.RestartAsync("kv1");
        kv2 = await cluster.RestartAsync("kv2");
        Assert.True(kv1.Node.Membership.IsRemoved("kv3"), "kv1 forgot a removal it had on disk");
        Assert.True(kv2.Node.Membership.IsRemoved("kv3"), "kv2 forgot a removal it had on disk");
    }

    [Fact]
    public async Task A_removed_node_that_comes_back_is_refused_learns_it_was_removed_and_takes_no_writes()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        await cluster.StopAsync("kv3");
        using var removed = await cluster["kv1"].Admin().DeleteAsync("/admin/members/kv3");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var kv3 = await cluster.RestartAsync("kv3", waitForWrites: false);
        var changes = kv3.Services.GetRequiredService<MembershipChanges>();
        await Signals.UntilAsync(changes.Changed, () => kv3.Node.Membership.SelfRemoved, "kv3 learnt it was removed", TimeSpan.FromSeconds(20));
        using var http = kv3.Http();
        using var write = await http.PutAsJsonAsync("/kv/x", new { value = "from-a-ghost" });
        using var health = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Contains("no longer a member", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Null(await cluster["kv1"].Node.ReadAsync("x"));

        // Its restart keeps it out: the removal is on its disk now.
        kv3 = await cluster.RestartAsync("kv3", waitForWrites: false);
        Assert.True(kv3.Node.Membership.SelfRemoved);
        Assert.NotNull(kv3.Node.Writes.Refusal);
    }

    [Fact]
    public async Task Two_members_removed_at_two_nodes_at_once_end_in_the_same_membership_everywhere()
    {
        await using var cluster = await KvCluster.StartAsync(5);
        await cluster.StopAsync("kv4");
        await cluster.StopAsync("kv5");

        var answers = await Task.WhenAll(
            cluster["kv1"].Admin().DeleteAsync("/admin/members/kv4"),
            cluster["kv2"].Admin().DeleteAsync("/admin/members/kv5"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        foreach (var id in new[] { "kv1", "kv2", "kv3" })
        {
            var node = cluster[id];
            var changes = node.Services.GetRequiredService<MembershipChanges>();
            await Signals.UntilAsync(changes.Changed, () => node.Node.Membership.Removed.SetEquals(["kv4", "kv5"]), $"{id} knows both removals");
        }

        // And the three replicate as before.
        using var http = new HttpClient();
        var put = await new KvSession(http).PutAsync(cluster["kv3"].Address, "after", "v");
        await Task.WhenAll(new[] { "kv1", "kv2" }.Select(id =>
            Signals.UntilAsync(cluster[id].Node.ClockAdvanced, () => cluster[id].Node.Clock.Covers(put.Item!.Clock), $"{id} delivered kv3's write")));
    }

    [Fact]
    public async Task A_write_only_the_removed_member_held_is_lost_by_the_lost_disk_rule_and_one_another_member_held_is_handed_on()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();

        // kv3 writes a (reaches kv1 only) then b (reaches nobody), then dies for good.
        await cluster["kv3"].HoldAsync("kv2");
        var writer = new KvSession(http);
        var a = await writer.PutAsync(cluster["kv3"].Address, "a", "1");
        await Signals.UntilAsync(cluster["kv1"].Node.ClockAdvanced, () => cluster["kv1"].Node.Clock.Covers(a.Item!.Clock), "kv1 delivered a");
        await cluster["kv3"].HoldAsync("kv1");
        await writer.PutAsync(cluster["kv3"].Address, "b", "2");
        await cluster.StopAsync("kv3");

        using var removed = await cluster["kv1"].Admin().DeleteAsync("/admin/members/kv3");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        // a is kv1's to hand on to kv2; b went with kv3: a context that names it gets 410, not a wait.
        var kv2 = cluster["kv2"];
        await Signals.UntilAsync(kv2.Node.ClockAdvanced, () => kv2.Node.Clock.Covers(a.Item!.Clock), "kv2 took a from kv1", TimeSpan.FromSeconds(20));
        Assert.Equal("1", (await kv2.Node.ReadAsync("a"))?.Value);
        var lost = await writer.GetAsync(kv2.Address, "a");
        Assert.Equal(HttpStatusCode.Gone, lost.Status);
        Assert.Contains("removed from the cluster", lost.Problem, StringComparison.Ordinal);
    }

    private static string? State(JsonElement members, string id) =>
        members.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("state").GetString();
}
