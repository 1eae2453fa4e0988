using System.Net;
using System.Text.Json;
using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Tests;

/// <summary>Placement on substations that share their power: a request fits where its minimum fits, and goes where the vehicle gets most.</summary>
public sealed class SharedPlacementTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    [Fact]
    public void At_a_sharing_substation_only_the_minimum_must_fit_at_a_fixed_one_the_full_power()
    {
        LoadEstimate[] candidates = [Candidate("fixed", promised: 95, next: 0, shared: false), Candidate("shared", promised: 95, next: 0, shared: true)];
        var demand = new ChargeDemand(MaxKw: 22, MinKw: 4);

        Assert.False(LeastLoadChoice.Fits(candidates[0], demand));
        Assert.True(LeastLoadChoice.Fits(candidates[1], demand));
        Assert.Equal(1, LeastLoadChoice.Pick(candidates, demand, StaleAfter, new Random(1)));
        Assert.Equal(-1, LeastLoadChoice.Pick(candidates, new ChargeDemand(22, MinKw: 6), StaleAfter, new Random(1))); // grid full
    }

    [Fact]
    public void The_vehicle_goes_where_it_gets_most_power_and_among_equals_where_utilisation_is_lowest()
    {
        LoadEstimate[] candidates =
        [
            Candidate("busy", promised: 40, next: 8, shared: true),
            Candidate("quiet", promised: 60, next: 30, shared: true),
            Candidate("quiet-too", promised: 50, next: 30, shared: true),
        ];

        Assert.Equal(2, LeastLoadChoice.Pick(candidates, new ChargeDemand(22), StaleAfter, new Random(1))); // 22 kW at either quiet one; less promised
        Assert.Equal(0, LeastLoadChoice.Pick(candidates, new ChargeDemand(7), StaleAfter, new Random(1))); // 7 kW anywhere: least promised
        Assert.Equal(7, new ChargeDemand(7).PowerAt(candidates[0]));
        Assert.Equal(4.1, new ChargeDemand(22).ClaimAt(candidates[0]));
        Assert.Equal(3, new ChargeDemand(3).ClaimAt(candidates[0])); // the default minimum is capped at the vehicle's maximum
    }

    [Fact]
    public async Task Through_the_real_balancer_vehicles_whose_full_power_would_not_fit_are_admitted_on_sharing_substations_and_spread()
    {
        var shared = new Dictionary<string, string?> { ["Substation:Allocation"] = "Shared", ["Substation:DefaultMinKw"] = "5" };
        using var s1 = new SubstationHost("s1", capacityKw: 100, settings: shared);
        using var s2 = new SubstationHost("s2", capacityKw: 100, settings: shared);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = s2.Address });
        await balancer.PollAsync();
        using var http = balancer.Http();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 41; i++) // 40 x 5 kW minimums fill 200 kW; 40 x 22 kW would need 880
        {
            using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = $"ev{i}", requestedKwh = 300, maxKw = 22 });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("powerMayChange").GetBoolean());
            }
        }

        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, statuses[^1]);
        Assert.Equal((20, 20), (await SampleAsync(s1, "substation_sessions_active"), await SampleAsync(s2, "substation_sessions_active")));
        Assert.Equal((100, 100), (await SampleAsync(s1, "substation_load_watts") / 1000, await SampleAsync(s2, "substation_load_watts") / 1000));
        var state = await http.GetFromJsonAsync<JsonElement>("/balancer/state");
        Assert.Contains(state.GetProperty("destinations").EnumerateArray(), d => d.GetProperty("defaultMinKw").GetDouble() == 5);
    }

    private static async Task<double> SampleAsync(SubstationHost substation, string metric)
    {
        using var http = substation.Http();
        return Math.Round((await MetricsText.ReadAsync(http, metric))!.Value, 6);
    }

    private static LoadEstimate Candidate(string id, double promised, double next, bool shared) => new(
        id, new Uri($"http://{id}"), id, promised, promised, 100, TimeSpan.FromSeconds(1), Healthy: true, SlowStartFactor: 1, RequestsRouted: 0,
        DefaultMinKw: shared ? 4.1 : null, NextSessionKw: next);
}
