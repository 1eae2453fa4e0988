using System.Net;
using System.Text;

namespace GridAspire.Balancer.Tests;

public sealed class GridTests
{
    [Fact]
    public async Task LeastLoad_fills_the_grid_by_headroom_and_then_answers_grid_full()
    {
        using var grid = new Grid(400, 300, 300);
        using var balancer = new BalancerHost(grid.Addresses);
        await balancer.PollAsync();
        using var http = balancer.Http();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 45; i++)
        {
            using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = $"ev{i}", requestedKwh = 30, maxKw = 22 });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(44, statuses.Count(s => s == HttpStatusCode.Created)); // 44 x 22 = 968 of 1000 kW
        Assert.Equal(HttpStatusCode.ServiceUnavailable, statuses[^1]);
        var routed = balancer.Tracker.All().ToDictionary(e => e.DestinationId, e => e.RequestsRouted);
        Assert.Equal(18, routed["s1"]);
        Assert.Equal(13, routed["s2"]);
        Assert.Equal(13, routed["s3"]);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Equal(1, MetricsText.Value(metrics, "balancer_rejections_total", ("reason", "grid_full")));
    }

    [Fact]
    public async Task Every_way_of_failing_is_503_problem_with_retry_after_never_502()
    {
        using var grid = new Grid(10);
        using var balancer = new BalancerHost(grid.Addresses);
        await balancer.PollAsync();
        using var http = balancer.Http();

        using var tooBig = await http.PostAsJsonAsync("/sessions", new { vehicleId = "truck", requestedKwh = 30, maxKw = 50 });
        grid.Substations[0].Dispose();
        using var unreachable = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev", requestedKwh = 1, maxKw = 1 });

        foreach (var response in new[] { tooBig, unreachable })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }

    [Fact]
    public async Task A_full_substation_answer_is_retried_once_on_the_next_substation()
    {
        using var grid = new Grid(10, 100);
        using var balancer = new BalancerHost(grid.Addresses, policy: "RoundRobin");
        await balancer.PollAsync();
        using var http = balancer.Http();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = $"ev{i}", requestedKwh = 10, maxKw = 20 });
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(await MetricsText.ReadAsync(http, "balancer_retries_total") >= 1);
    }

    [Fact]
    public async Task A_substation_killed_mid_run_costs_no_5xx_but_503_and_is_evicted_by_the_next_poll()
    {
        using var grid = new Grid(300, 300, 300);
        using var balancer = new BalancerHost(grid.Addresses);
        await balancer.PollAsync();
        using var http = balancer.Http();

        var before = Burst(http, 15, "before");
        grid.Substations[1].Dispose();
        var during = Burst(http, 15, "during");
        var statuses = (await before).Concat(await during).ToList();
        await balancer.PollAsync();

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"got {s}"));
        Assert.False(balancer.Tracker.IsHealthy("s2"));
        Assert.True(balancer.Tracker.IsHealthy("s1") && balancer.Tracker.IsHealthy("s3"));
        var after = await Burst(http, 10, "after");
        Assert.All(after, s => Assert.Equal(HttpStatusCode.Created, s));
    }

    [Fact]
    public async Task A_dns_name_with_three_addresses_spreads_requests_over_three_substations()
    {
        var port = LoopbackPorts.Next(IPAddress.Parse("127.0.0.2"));
        IPAddress[] addresses = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"), IPAddress.Parse("127.0.0.4")];
        var substations = addresses.Select((ip, i) => new SubstationHost($"replica{i}", 300, address: ip, port: port)).ToList();
        var resolver = new FakeResolver { Names = { ["substations.test"] = addresses } };
        try
        {
            using var balancer = new BalancerHost(new Dictionary<string, Uri>(), dnsSubstations: new Uri($"http://substations.test:{port}"), resolver: resolver);
            await balancer.PollAsync();
            using var http = balancer.Http();

            var statuses = await Burst(http, 30, "dns");

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
            var routed = balancer.Tracker.All();
            Assert.Equal(3, routed.Count);
            Assert.All(routed, e => Assert.InRange(e.RequestsRouted, 5, 15));
            Assert.Equal(["replica0", "replica1", "replica2"], routed.Select(e => e.SubstationId).Order());
        }
        finally
        {
            substations.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task The_policy_can_be_switched_and_an_unknown_one_is_refused()
    {
        using var grid = new Grid(100);
        using var balancer = new BalancerHost(grid.Addresses);
        using var http = balancer.Admin();

        using var switched = await http.PutAsJsonAsync("/balancer/policy", new { policy = "PowerOfTwoChoices" });
        using var refused = await http.PutAsJsonAsync("/balancer/policy", new { policy = "Astrology" });
        var state = await http.GetFromJsonAsync<Dictionary<string, object>>("/balancer/state");

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("PowerOfTwoChoices", state!["policy"].ToString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Bearer wrong-key-of-some-length", HttpStatusCode.Forbidden)]
    [InlineData("Basic dGVzdA==", HttpStatusCode.Unauthorized)]
    public async Task Switching_the_policy_needs_the_admin_key(string? authorization, HttpStatusCode expected)
    {
        using var grid = new Grid(100);
        using var balancer = new BalancerHost(grid.Addresses);
        using var http = balancer.Http();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/balancer/policy") { Content = JsonContent.Create(new { policy = "RoundRobin" }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        var state = await http.GetFromJsonAsync<Dictionary<string, object>>("/balancer/state");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Balancer:AdminKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(BalancerHost.AdminKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("LeastLoad", state!["policy"].ToString());
    }

    [Fact]
    public async Task Without_an_admin_key_the_policy_cannot_be_switched_at_all()
    {
        using var grid = new Grid(100);
        using var balancer = new BalancerHost(grid.Addresses, settings: new Dictionary<string, string?> { ["Balancer:AdminKey"] = null });
        using var http = balancer.Admin();

        using var response = await http.PutAsJsonAsync("/balancer/policy", new { policy = "RoundRobin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":-5,"maxKw":11}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":5,"maxKw":"fast"}""")]
    public async Task Bad_requests_reach_the_client_as_400_not_5xx(string body)
    {
        using var grid = new Grid(100);
        using var balancer = new BalancerHost(grid.Addresses);
        await balancer.PollAsync();
        using var http = balancer.Http();

        using var response = await http.PostAsync("/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, balancer.Tracker.Estimate("s1")!.Value.EstimatedLoadKw);
    }

    [Fact]
    public async Task Session_lookups_go_to_the_substation_that_owns_the_session()
    {
        using var grid = new Grid(100, 100);
        using var balancer = new BalancerHost(grid.Addresses);
        await balancer.PollAsync();
        using var http = balancer.Http();
        using var created = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev", requestedKwh = 10, maxKw = 10 });
        var sessionId = (await created.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["sessionId"].ToString();

        using var found = await http.GetAsync($"/sessions/{sessionId}");
        using var ended = await http.DeleteAsync($"/sessions/{sessionId}");
        using var unknown = await http.GetAsync("/sessions/nowhere.123");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("cancelled", (await ended.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["state"].ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<List<HttpStatusCode>> Burst(HttpClient http, int count, string label) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = $"{label}{i}", requestedKwh = 10, maxKw = 11 });
            return response.StatusCode;
        }))];

    /// <summary>Substations s1, s2, ... with the given capacities, on 127.0.0.1.</summary>
    private sealed class Grid : IDisposable
    {
        public Grid(params double[] capacities) =>
            Substations = capacities.Select((c, i) => new SubstationHost($"s{i + 1}", c)).ToList();

        public List<SubstationHost> Substations { get; }

        public Dictionary<string, Uri> Addresses => Substations.Select((s, i) => (Id: $"s{i + 1}", s.Address)).ToDictionary(x => x.Id, x => x.Address);

        public void Dispose() => Substations.ForEach(s => s.Dispose());
    }
}
