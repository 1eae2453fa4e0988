using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace GridAspire.ChargeRequest.Tests;

public sealed class ChargeApiTests
{
    private static readonly object Car = new { vehicleId = "ev-1", requestedKwh = 20, maxKw = 11 };

    [Fact]
    public async Task A_request_is_assigned_a_substation_and_its_status_can_be_read()
    {
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();

        using var created = await http.PostAsJsonAsync("/api/charge", Car);
        var assignment = await created.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        using var status = await http.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("s1", assignment!["substationId"].ToString());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("\"state\":\"charging\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replays_and_concurrent_duplicates_of_one_key_book_once_and_get_the_same_assignment()
    {
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(Car) };
            request.Headers.Add("Idempotency-Key", "key-1");
            using var response = await http.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(7, responses.Count(r => r.Replayed));
        Assert.Equal(1, await MetricsText.ReadAsync(system.Substations[0].Http(), "substation_sessions_admitted_total", ("substation", "s1")));
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_422()
    {
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();

        using var first = await Send(http, Car, "key-2");
        using var other = await Send(http, new { vehicleId = "ev-2", requestedKwh = 20, maxKw = 11 }, "key-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task A_full_grid_passes_503_with_retry_after_and_a_retry_with_the_same_key_really_tries_again()
    {
        await using var system = await GridSystem.StartAsync(11);
        using var http = system.Api.Http();
        using var filler = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "bus", requestedKwh = 10, maxKw = 10 });

        using var refused = await Send(http, Car, "key-3");
        using var cancelled = await http.DeleteAsync(new Uri(system.Balancer.Address, filler.Headers.Location!.ToString().Replace("/api/charge", "/sessions", StringComparison.Ordinal)));
        using var retried = await Send(http, Car, "key-3");

        Assert.Equal(HttpStatusCode.Created, filler.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Grid full", (await refused.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["title"].ToString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_unreachable_balancer_is_503_not_500()
    {
        using var api = new ChargeApiHost(new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}"));
        using var http = api.Http();

        using var response = await http.PostAsJsonAsync("/api/charge", Car);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Charging service unavailable", (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["title"].ToString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_hung_substation_is_skipped_well_within_the_apis_timeout_and_never_reported_as_an_unreachable_balancer()
    {
        using var s1 = new SubstationHost("s1", 100);
        using var s2 = new SubstationHost("s2", 1000); // the most headroom: tried first
        await using var hung = new HangingTcpProxy(s2.Address);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = s1.Address, ["s2"] = hung.Address }, realClock: true);
        await balancer.PollAsync();
        using var api = new ChargeApiHost(balancer.Address);
        using var http = api.Http();

        hung.Hang();
        var clock = Stopwatch.StartNew();
        using var booked = await http.PostAsJsonAsync("/api/charge", Car);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("s1", (await booked.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["substationId"].ToString());
    }

    [Fact]
    public async Task When_no_substation_answers_the_api_says_so_instead_of_grid_full_or_balancer_unreachable()
    {
        using var s1 = new SubstationHost("s1", 100);
        await using var hung = new HangingTcpProxy(s1.Address);
        using var balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = hung.Address }, realClock: true);
        await balancer.PollAsync();
        using var api = new ChargeApiHost(balancer.Address);
        using var http = api.Http();

        hung.Hang();
        using var response = await http.PostAsJsonAsync("/api/charge", Car);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("No substation reachable", problem!["title"].ToString());
        Assert.DoesNotContain("balancer could not be reached", problem["detail"].ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("""{"requestedKwh":20,"maxKw":11}""")]
    [InlineData("""{"vehicleId":" ","requestedKwh":20,"maxKw":11}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":0,"maxKw":11}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":-3,"maxKw":11}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":100000,"maxKw":11}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":20,"maxKw":0}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":20,"maxKw":5000}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":"many","maxKw":11}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":500,"maxKw":1e-12}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":"30","maxKw":11}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":1e400,"maxKw":11}""")]
    public async Task Bad_requests_are_400_with_field_errors_and_book_nothing(string body)
    {
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();

        using var response = await http.PostAsync("/api/charge", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await MetricsText.ReadAsync(system.Substations[0].Http(), "substation_sessions_admitted_total", ("substation", "s1")));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":"30","maxKw":11}""", "$.requestedKwh")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":"30","maxKw":11}""", "must be a JSON number such as 30")]
    [InlineData("""{"vehicleId":42,"requestedKwh":20,"maxKw":11}""", "must be a JSON string such as")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":1e400,"maxKw":11}""", "at most 500 kWh")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":20,"maxKw":true}""", "$.maxKw")]
    public async Task A_body_that_cannot_be_read_is_explained_in_the_callers_terms(string body, string explained)
    {
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();

        using var response = await http.PostAsync("/api/charge", new StringContent(body, Encoding.UTF8, "application/json"));
        var detail = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(explained, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ChargingRequest", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("positive", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_session_is_404_and_a_long_id_is_not_echoed_in_full()
    {
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();
        var id = new string('x', 3000);

        using var response = await http.GetAsync($"/api/charge/{id}");
        var detail = (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["detail"].ToString()!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(detail.Length, 64, 200);
    }

    [Theory]
    [InlineData("ChargeApi:BalancerTimeout", "00:00:00", "ChargeApi:BalancerTimeout")]
    [InlineData("ChargeApi:BalancerTimeout", "later", "ChargeApi:BalancerTimeout")]
    public async Task A_bad_setting_stops_the_api_and_names_the_key(string key, string value, string named)
    {
        var message = await StartupFailure.MessageOfStartAsync(
            b => b.AddChargeRequest(), new Dictionary<string, string?> { ["services:balancer:http:0"] = "http://127.0.0.1:1", [key] = value });

        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_trace_runs_from_the_api_through_the_balancers_decision_to_the_substation()
    {
        var ended = Channel.CreateUnbounded<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => ended.Writer.TryWrite(a),
        };
        ActivitySource.AddActivityListener(listener);
        await using var system = await GridSystem.StartAsync(100);
        using var http = system.Api.Http();

        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(Car) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await http.SendAsync(request);

        // The API's, the balancer's and the substation's request spans, and the decision, all in the caller's trace.
        var stopped = new List<Activity>();
        bool Complete() => stopped.Any(a => a.TraceId == traceId && a.OperationName == "balancer.route")
            && stopped.Count(a => a.TraceId == traceId && a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore") == 3;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!Complete())
        {
            stopped.Add(await ended.Reader.ReadAsync(deadline.Token)); // each span as it ends; no polling
        }

        var decision = stopped.Single(a => a.TraceId == traceId && a.OperationName == "balancer.route");
        Assert.Equal("s1", decision.GetTagItem("balancer.destination"));
        Assert.Contains("s1=", (string?)decision.GetTagItem("balancer.loads"), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    /// <summary>Substations, a balancer and the API, all real, on loopback.</summary>
    private sealed class GridSystem : IAsyncDisposable
    {
        private GridSystem(List<SubstationHost> substations, BalancerHost balancer)
        {
            Substations = substations;
            Balancer = balancer;
            Api = new ChargeApiHost(balancer.Address);
        }

        public List<SubstationHost> Substations { get; }

        public BalancerHost Balancer { get; }

        public ChargeApiHost Api { get; }

        public static async Task<GridSystem> StartAsync(params double[] capacities)
        {
            var substations = capacities.Select((c, i) => new SubstationHost($"s{i + 1}", c)).ToList();
            var balancer = new BalancerHost(substations.Select((s, i) => (Id: $"s{i + 1}", s.Address)).ToDictionary(x => x.Id, x => x.Address));
            await balancer.PollAsync();
            return new GridSystem(substations, balancer);
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await Balancer.DisposeAsync();
            foreach (var substation in Substations)
            {
                await substation.DisposeAsync();
            }
        }
    }
}
