using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.Cluster;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Faults;

/// <summary>
/// The membership faults of a <c>--membership</c> run (see <see cref="FaultInjector"/>): a new node joins through a
/// member under load, a killed node is removed for good instead of restarted, a node leaves (during a partition it may
/// not be able to, and says so). Where an answer is lost, a member's list decides what happened.
/// </summary>
public sealed class MembershipFaults(ProcessCluster cluster, HttpClient http, HistoryRecorder history, Random random)
{
    private bool _joined;

    /// <summary>
    /// A member joins under load (once a run), or <paramref name="from"/> leaves, keeping at least three members; false
    /// when neither applies now.
    /// </summary>
    public async Task<bool> ChangeAsync(IReadOnlyList<NodeProcess> nodes, NodeProcess from, NodeProcess? down)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(from);
        return (random.Next(2) == 0 && await JoinAsync(nodes)) || await LeaveAsync(nodes, from, down);
    }

    /// <summary>A new node joins through a running member, once a run and while there are fewer than five; false when not.</summary>
    public async Task<bool> JoinAsync(IReadOnlyList<NodeProcess> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (_joined || nodes.Count >= 5 || nodes.Where(n => n.Running).ToList() is not { Count: > 0 } running)
        {
            return false;
        }

        _joined = true;
        var via = running[random.Next(running.Count)];
        var id = $"kv{cluster.Started.Count + 1}";
        history.Fault("join", $"{id} via {via.NodeId}");
        await cluster.JoinAsync(id, via);
        return true;
    }

    /// <summary><paramref name="from"/> is asked to leave, when it runs and at least three members would remain; false when not.</summary>
    public async Task<bool> LeaveAsync(IReadOnlyList<NodeProcess> nodes, NodeProcess from, NodeProcess? down)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(from);
        if (nodes.Count < 4 || !from.Running || from == down)
        {
            return false;
        }

        using var request = Admin(HttpMethod.Post, new Uri(from.Address, "/admin/leave?timeout=2"));
        try
        {
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                cluster.Forget(from);
                history.Fault(LostDisks.LeftKind, from.NodeId);
            }
            else
            {
                history.Fault("leave refused", $"{from.NodeId}: {(int)response.StatusCode}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Whether it left is unknown until a member says: one that did is no member for the final check.
            history.Fault("unconfirmed", $"leave at {from.NodeId}: {ex.GetType().Name}");
            if (await ListedRemovedAsync(from))
            {
                cluster.Forget(from);
                history.Fault(LostDisks.LeftKind, from.NodeId);
            }
        }

        return true;
    }

    /// <summary>The killed node is removed for good at a running member, instead of restarted. False when no member could do it.</summary>
    public async Task<bool> RemoveAsync(NodeProcess down)
    {
        ArgumentNullException.ThrowIfNull(down);
        var running = cluster.Nodes.Where(n => n != down && n.Running).ToList();
        if (running.Count == 0)
        {
            return false;
        }

        var at = running[random.Next(running.Count)];
        using var request = Admin(HttpMethod.Delete, new Uri(at.Address, $"/admin/members/{down.NodeId}"));
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                history.Fault("remove refused", $"{down.NodeId} at {at.NodeId}: {(int)response.StatusCode}");
                return false;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer in time (its disk stalled, say): it may have removed the node all the same, and then will tell the
            // others. The member list says which; a node thought a member but removed would be restarted into a refusal
            // (membership sweep, seed 55).
            history.Fault("unconfirmed", $"removing {down.NodeId} at {at.NodeId}: {ex.GetType().Name}");
            if (!await ListedRemovedAsync(down))
            {
                return false;
            }
        }

        cluster.Forget(down);
        history.Fault(LostDisks.RemovedKind, $"{down.NodeId} (killed, then removed at {at.NodeId})");
        return true;
    }

    // Whether a member other than <node> lists it as removed, asking the running ones in turn (GET /admin/members reads
    // no disk: it answers while a disk is stalled). False when none says so, or none answers.
    private async Task<bool> ListedRemovedAsync(NodeProcess node)
    {
        foreach (var member in cluster.Nodes.Where(n => n != node && n.Running))
        {
            using var request = Admin(HttpMethod.Get, new Uri(member.Address, "/admin/members"));
            try
            {
                using var response = await http.SendAsync(request);
                var members = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
                if (members.GetProperty("members").EnumerateArray()
                    .Any(m => m.GetProperty("id").GetString() == node.NodeId && m.GetProperty("state").GetString() == "removed"))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // That one cannot say: ask the next.
            }
        }

        return false;
    }

    // A request to a node's admin endpoints, with the cluster key.
    private static HttpRequestMessage Admin(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ProcessCluster.ClusterKey);
        return request;
    }
}
