using System.Net;
using System.Text.Json;

namespace GridAspire.Balancer.Tests;

/// <summary>Independent balancer replicas place by one policy: a switch at one is passed on to its peers.</summary>
public sealed class PolicyPropagationTests : IDisposable
{
    private readonly SubstationHost _substation = new("s1", 100);

    [Fact]
    public async Task A_switch_at_one_replica_reaches_its_peer_and_the_answer_says_which_replica_answered_and_what_each_peer_did()
    {
        using var peer = new BalancerHost(Substations, settings: new Dictionary<string, string?> { ["Balancer:Replica"] = "balancer2" });
        var down = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}");
        using var first = new BalancerHost(Substations, settings: new Dictionary<string, string?>
        {
            ["Balancer:Replica"] = "balancer1",
            ["Balancer:Peers:balancer2"] = peer.Address.ToString(),
            ["Balancer:Peers:balancer3"] = down.ToString(),
            ["Balancer:Peers:balancer1"] = "http://127.0.0.1:1/", // itself, as a list of every replica has it: skipped
        });

        using var switched = await first.Admin().PutAsJsonAsync("/balancer/policy", new { policy = "RoundRobin" });
        var answer = await switched.Content.ReadFromJsonAsync<JsonElement>();
        var peerState = await peer.Http().GetFromJsonAsync<JsonElement>("/balancer/state");

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("balancer1", answer.GetProperty("replica").GetString());
        Assert.Equal("switched", answer.GetProperty("peers").GetProperty("balancer2").GetString());
        Assert.StartsWith("unreachable", answer.GetProperty("peers").GetProperty("balancer3").GetString(), StringComparison.Ordinal);
        Assert.False(answer.GetProperty("peers").TryGetProperty("balancer1", out _));
        Assert.Equal("balancer2", peerState.GetProperty("replica").GetString());
        Assert.Equal("RoundRobin", peerState.GetProperty("policy").GetString());
        var metrics = await first.Http().GetStringAsync("/metrics");
        Assert.Equal(1, MetricsText.Value(metrics, "balancer_policy_passed_on_total", ("outcome", "switched")));
        Assert.Equal(1, MetricsText.Value(metrics, "balancer_policy_passed_on_total", ("outcome", "failed")));
    }

    [Fact]
    public async Task A_switch_without_the_key_is_refused_and_passed_on_to_nobody()
    {
        using var peer = new BalancerHost(Substations);
        using var first = new BalancerHost(Substations, settings: new Dictionary<string, string?> { ["Balancer:Peers:b2"] = peer.Address.ToString() });

        using var refused = await first.Http().PutAsJsonAsync("/balancer/policy", new { policy = "RoundRobin" });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("LeastLoad", (await peer.Http().GetFromJsonAsync<JsonElement>("/balancer/state")).GetProperty("policy").GetString());
    }

    [Fact]
    public async Task A_replica_that_starts_while_its_peers_run_takes_their_policy()
    {
        using var running = new BalancerHost(Substations);
        using var switched = await running.Admin().PutAsJsonAsync("/balancer/policy", new { policy = "RoundRobin", pollIntervalSeconds = 2 });
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);

        // Started after the switch (as after a crash): it asks its peer once at start.
        using var restarted = new BalancerHost(Substations, settings: new Dictionary<string, string?> { ["Balancer:Peers:b1"] = running.Address.ToString() });
        var state = await UntilAsync(restarted, s => s.GetProperty("policy").GetString() == "RoundRobin");

        Assert.Equal("00:00:02", state.GetProperty("pollInterval").GetString());
        Assert.Equal(1, MetricsText.Value(await restarted.Http().GetStringAsync("/metrics"), "balancer_policy_caught_up_total", ("outcome", "taken")));
    }

    [Fact]
    public async Task Peers_that_disagree_leave_a_starting_replica_on_its_configured_policy()
    {
        using var one = new BalancerHost(Substations, policy: "RoundRobin");
        using var other = new BalancerHost(Substations, policy: "PowerOfTwoChoices");

        using var starting = new BalancerHost(Substations, settings: new Dictionary<string, string?>
        {
            ["Balancer:Peers:one"] = one.Address.ToString(),
            ["Balancer:Peers:other"] = other.Address.ToString(),
        });
        await UntilAsync(starting, _ => true, metric: "peers_disagree");

        Assert.Equal("LeastLoad", (await starting.Http().GetFromJsonAsync<JsonElement>("/balancer/state")).GetProperty("policy").GetString());
    }

    public void Dispose() => _substation.Dispose();

    // The catch-up runs in the background at start: its outcome shows in the metric, which is the condition to wait on.
    private static async Task<JsonElement> UntilAsync(BalancerHost balancer, Func<JsonElement, bool> holds, string metric = "taken")
    {
        using var http = balancer.Http();
        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var state = await http.GetFromJsonAsync<JsonElement>("/balancer/state");
            if (MetricsText.Value(await http.GetStringAsync("/metrics"), "balancer_policy_caught_up_total", ("outcome", metric)) >= 1 && holds(state))
            {
                return state;
            }

            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(10), $"the start-up catch-up never ended in '{metric}'");
            await Task.Delay(TimeSpan.FromMilliseconds(20)); // another host's background work, seen only through its API
        }
    }

    private Dictionary<string, Uri> Substations => new() { ["s1"] = _substation.Address };
}
