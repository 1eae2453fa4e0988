using System.Text.Json;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Operations;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// How a StatefulSet scales: every pod has the same peer list (the initial members); a pod not in it joins through them
/// under its name plus a suffix kept in its volume, and its preStop hook (<c>KvNode leave</c>) makes it leave, so that a
/// pod started again under that name is a new node. Real nodes on loopback; the hook run as the pod would.
/// </summary>
public sealed class StatefulSetScalingTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("kv-scale-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_pod_beyond_the_listed_ones_joins_under_a_kept_id_leaves_on_its_hook_and_comes_back_as_a_new_node()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        var old = await new KvSession(http).PutAsync(cluster["kv1"].Address, "before", "1");
        var settings = PodSettings(cluster, "kv4", out var port);

        var pod = new KvTestNode("kv4", port, settings);
        pod.StartServer();
        await pod.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var firstId = pod.Node.NodeId;
        Assert.Matches("^kv4-[a-z0-9]{6}$", firstId);
        Assert.Equal("1", (await pod.Node.ReadAsync("before"))?.Value);
        Assert.True(pod.Node.Clock.Covers(old.Item!.Clock));
        await pod.DisposeAsync();

        // Restarted with its volume: the same node.
        pod = new KvTestNode("kv4", port, settings);
        pod.StartServer();
        await pod.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(firstId, pod.Node.NodeId);
        var written = await new KvSession(http).PutAsync(pod.Address, "from-kv4", "2");

        // The preStop hook: the node leaves once the others have its writes, and its volume is marked.
        using var output = new StringWriter();
        var exit = await LeaveCommand.RunAsync([.. settings.Select(s => $"--{s.Key}={s.Value}"), $"--url={pod.Address}"], output);
        Assert.Equal(0, exit);
        Assert.True(cluster["kv1"].Node.Membership.IsRemoved(firstId), output.ToString());
        Assert.True(cluster["kv1"].Node.Clock.Covers(written.Item!.Clock));
        await pod.DisposeAsync();

        // Scaled up again under the same name: a new node, with a new id, that takes the state again.
        pod = new KvTestNode("kv4", port, settings);
        pod.StartServer();
        await pod.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(firstId, pod.Node.NodeId);
        Assert.Equal("2", (await pod.Node.ReadAsync("from-kv4"))?.Value);
        var members = await cluster["kv2"].Admin().GetFromJsonAsync<JsonElement>("/admin/members");
        Assert.Equal("active", members.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == pod.Node.NodeId).GetProperty("state").GetString());
        await pod.DisposeAsync();

        // An initial member's hook does nothing: a restart must find it a member. (Every pod lists every initial one.)
        using var quiet = new StringWriter();
        Assert.Equal(0, await LeaveCommand.RunAsync(
            [.. cluster["kv1"].Settings.Select(s => $"--{s.Key}={s.Value}"), $"--Kv:Peers:kv1={cluster["kv1"].Address}", "--Kv:JoinWhenUnlisted=true"], quiet));
        Assert.Contains("initial member", quiet.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("kv1", cluster["kv2"].Node.Membership.Removed);
        Assert.False(File.Exists(Path.Combine(_data, "kv1", NodeIdentity.LeftMarker)));
    }

    // What every pod of the StatefulSet gets: the initial members as peers, and its own name, URL and volume.
    private Dictionary<string, string?> PodSettings(KvCluster cluster, string name, out int port)
    {
        port = LoopbackPorts.Next();
        var settings = cluster["kv1"].Settings.Where(s => !s.Key.StartsWith("Kv:Peers:", StringComparison.Ordinal)).ToDictionary();
        foreach (var node in cluster.Nodes)
        {
            settings[$"Kv:Peers:{node.NodeId}"] = node.Address.ToString();
        }

        settings["Kv:NodeId"] = name;
        settings["Kv:JoinWhenUnlisted"] = "true";
        settings["Kv:AdvertisedUrl"] = $"http://127.0.0.1:{port}";
        settings["Kv:DataDir"] = Path.Combine(_data, name);
        return settings;
    }
}
