using System.Net;
using System.Text.Json;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Node;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// A member leaves on its own (<c>POST /admin/leave</c>): it stops taking writes, hands every one of its writes to the
/// remaining members, and only then do they forget it. Nothing it acknowledged is lost. Real nodes on loopback.
/// </summary>
public sealed class MemberLeaveTests
{
    [Fact]
    public async Task A_member_that_leaves_hands_every_write_to_the_others_first_and_then_everyone_forgets_it()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        var kv3 = cluster["kv3"];
        await kv3.HoldAsync("kv1"); // kv1 lacks kv3's writes until the link is released
        var session = new KvSession(http);
        KvResult last = null!;
        for (var i = 0; i < 20; i++)
        {
            last = await session.PutAsync(kv3.Address, $"k{i}", "v");
        }

        using var admin = kv3.Admin();
        var leaving = admin.PostAsync("/admin/leave", null);
        await Signals.UntilAsync(kv3.Node.Writes.Changed, () => kv3.Node.Writes.Refusal is not null, "kv3 stopped taking writes");
        var refused = await session.PutAsync(kv3.Address, "late", "v");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.False(leaving.IsCompleted, "kv3 left before kv1 had its writes");
        var draining = await admin.GetFromJsonAsync<JsonElement>("/admin/members");
        Assert.Equal("leaving", draining.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("self").GetBoolean()).GetProperty("state").GetString());

        await kv3.ReleaseAsync("kv1");
        using var left = await leaving;
        var answer = await left.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.True(cluster["kv1"].Node.Clock.Covers(last.Item!.Clock), "kv1 lacks writes of the node that left");
        Assert.Equal("told", answer.GetProperty("told").GetProperty("kv1").GetString());
        foreach (var id in new[] { "kv1", "kv2" })
        {
            var changes = cluster[id].Services.GetRequiredService<MembershipChanges>();
            await Signals.UntilAsync(changes.Changed, () => cluster[id].Node.Membership.IsRemoved("kv3"), $"{id} forgot kv3");
        }

        using var kv3Http = kv3.Http();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await kv3Http.GetAsync("/health")).StatusCode);
        Assert.Contains("no longer a member", (await session.StatusAsync(kv3.Address)).WritesRefused, StringComparison.Ordinal);
        var again = await session.PutAsync(kv3.Address, "after", "v");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.Status);
        Assert.Equal(HttpStatusCode.OK, (await session.PutAsync(cluster["kv1"].Address, "after", "v")).Status);
    }

    [Fact]
    public async Task A_leave_that_cannot_hand_its_writes_on_in_time_keeps_the_node_a_member_that_takes_writes()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        await cluster.StopAsync("kv2");
        using var http = new HttpClient();
        var session = new KvSession(http);
        var kv3 = cluster["kv3"];
        Assert.Equal(HttpStatusCode.OK, (await session.PutAsync(kv3.Address, "x", "1")).Status);

        using var admin = kv3.Admin();
        using var refused = await admin.PostAsync("/admin/leave?timeout=1", null);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("kv2 lacks 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(kv3.Node.Membership.Removed);
        Assert.Equal(HttpStatusCode.OK, (await session.PutAsync(kv3.Address, "y", "2")).Status);
        var members = await admin.GetFromJsonAsync<JsonElement>("/admin/members");
        var self = members.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "kv3");
        Assert.Equal("active", self.GetProperty("state").GetString());
        using var bad = await admin.PostAsync("/admin/leave?timeout=0", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
