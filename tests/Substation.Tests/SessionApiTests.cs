using System.Net;
using System.Text;

namespace GridAspire.Substation.Tests;

public sealed class SessionApiTests : IClassFixture<SessionApiTests.Host>
{
    private readonly SubstationHost _substation;

    public SessionApiTests(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _substation = host.Substation;
    }

    [Fact]
    public async Task Admission_returns_the_assignment_and_the_load_in_headers()
    {
        using var http = _substation.Http();

        using var response = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev1", requestedKwh = 10, maxKw = 7 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.StartsWith("api-test.", body!["sessionId"].ToString(), StringComparison.Ordinal);
        Assert.True(double.Parse(response.Headers.GetValues("X-Substation-Load-Kw").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 7);
        Assert.Equal("1000", response.Headers.GetValues("X-Substation-Capacity-Kw").Single());
        Assert.NotNull(response.Headers.Location);
        using var get = await http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task No_headroom_is_503_problem_with_retry_after()
    {
        using var small = new SubstationHost("small", capacityKw: 10);
        using var http = small.Http();

        using var admitted = await http.PostAsJsonAsync("/sessions", new { vehicleId = "car", requestedKwh = 100, maxKw = 10 });
        using var refused = await http.PostAsJsonAsync("/sessions", new { vehicleId = "car2", requestedKwh = 1, maxKw = 1 });

        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("full", refused.Headers.GetValues("X-Substation-Refusal").Single());
    }

    [Fact]
    public async Task A_request_past_the_balancers_deadline_is_refused_as_late_not_as_full_and_admits_nothing()
    {
        using var http = _substation.Http();
        var admittedBefore = MetricsText.Value(await http.GetStringAsync("/metrics"), "substation_sessions_admitted_total", ("substation", "api-test"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions")
        {
            Content = JsonContent.Create(new { vehicleId = "late", requestedKwh = 1, maxKw = 1 }),
        };
        request.Headers.Add("X-Request-Deadline", DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var refused = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("deadline_passed", refused.Headers.GetValues("X-Substation-Refusal").Single());
        Assert.Null(refused.Headers.RetryAfter); // nothing is known about room
        var text = await http.GetStringAsync("/metrics");
        Assert.Equal(admittedBefore, MetricsText.Value(text, "substation_sessions_admitted_total", ("substation", "api-test")));
        Assert.True(MetricsText.Value(text, "substation_deadline_passed_total") >= 1);
    }

    [Fact]
    public async Task Metrics_expose_load_capacity_sessions_and_counters()
    {
        using var http = _substation.Http();
        using var ended = await http.PostAsJsonAsync("/sessions", new { vehicleId = "ev-ended", requestedKwh = 1, maxKw = 1 });
        (await http.DeleteAsync(ended.Headers.Location)).EnsureSuccessStatusCode(); // a session ended: a duration is recorded

        var text = await http.GetStringAsync("/metrics");

        foreach (var metric in new[] { "substation_load_watts", "substation_capacity_watts", "substation_sessions_active",
            "substation_sessions_admitted_total", "substation_sessions_rejected_total", "substation_session_duration_seconds_bucket" })
        {
            Assert.NotNull(MetricsText.Value(text, metric, ("substation", "api-test")));
        }

        Assert.Equal(1000 * 1000, MetricsText.Value(text, "substation_capacity_watts", ("substation", "api-test")));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("""{"vehicleId":"","requestedKwh":10,"maxKw":7}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":-1,"maxKw":7}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":10,"maxKw":0}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":10000,"maxKw":7}""")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":"lots","maxKw":7}""")]
    [InlineData("[]")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":500,"maxKw":1e-12}""")] // an overflowing duration used to be a 500
    public async Task Bad_requests_are_400_problems_and_admit_nothing(string body)
    {
        using var http = _substation.Http();
        var before = await http.GetStringAsync("/metrics");

        using var response = await http.PostAsync("/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await http.GetStringAsync("/metrics");
        Assert.Equal(AdmittedCount(before), AdmittedCount(after));
    }

    [Fact]
    public async Task Unknown_sessions_are_404_problems()
    {
        using var http = _substation.Http();

        using var get = await http.GetAsync("/sessions/api-test.nope");
        using var delete = await http.DeleteAsync("/sessions/api-test.nope");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
    }

    private static double? AdmittedCount(string metrics) => MetricsText.Value(metrics, "substation_sessions_admitted_total");

    public sealed class Host : IDisposable
    {
        public SubstationHost Substation { get; } = new("api-test", capacityKw: 1000, speed: 1);

        public void Dispose() => Substation.Dispose();
    }
}
