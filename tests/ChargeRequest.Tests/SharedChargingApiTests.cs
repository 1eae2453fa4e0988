using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>The public API on a grid whose substation shares its power: minimums, priority and who may ask for it.</summary>
public sealed class SharedChargingApiTests : IAsyncLifetime
{
    private const string PriorityKey = "test-priority-key-0123456789";
    private SubstationHost _substation = null!;
    private BalancerHost _balancer = null!;
    private ChargeApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _substation = new SubstationHost("s1", capacityKw: 50, settings: new Dictionary<string, string?> { ["Substation:Allocation"] = "Shared" });
        _balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = _substation.Address });
        await _balancer.PollAsync();
        _api = new ChargeApiHost(_balancer.Address, new Dictionary<string, string?> { ["ChargeApi:PriorityKeys:0"] = PriorityKey });
    }

    [Fact]
    public async Task The_grant_says_the_power_may_change_and_the_session_shows_its_power_energy_and_end_as_they_are()
    {
        using var http = _api.Http();

        using var first = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "a", requestedKwh = 40, maxKw = 50, minKw = 10 });
        using var second = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "b", requestedKwh = 40, maxKw = 50 });

        var granted = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(granted.GetProperty("powerMayChange").GetBoolean());
        Assert.Equal((50.0, 10.0), (granted.GetProperty("kw").GetDouble(), granted.GetProperty("minKw").GetDouble()));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var now = await http.GetFromJsonAsync<JsonElement>(first.Headers.Location);
        Assert.Equal(25, now.GetProperty("kw").GetDouble()); // shared with b since b arrived
        Assert.True(now.TryGetProperty("deliveredKwh", out _) && now.TryGetProperty("expectedEndUtc", out _));
    }

    [Fact]
    public async Task Priority_is_only_for_callers_with_a_priority_key_and_a_refusal_books_nothing()
    {
        using var http = _api.Http();
        object vip = new { vehicleId = "ambulance", requestedKwh = 40, maxKw = 22, priority = "priority" };

        using var anonymous = await http.PostAsJsonAsync("/api/charge", vip);
        using var wrong = await SendAsync(http, vip, "not-the-key");
        var admittedBefore = await AdmittedAsync();
        using var allowed = await SendAsync(http, vip, PriorityKey);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (anonymous.StatusCode, wrong.StatusCode));
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, admittedBefore);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var session = await http.GetFromJsonAsync<JsonElement>(allowed.Headers.Location);
        Assert.Equal("priority", session.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task A_vehicle_that_stops_charging_frees_its_power_at_once_and_stopping_again_changes_nothing()
    {
        using var http = _api.Http();
        using var first = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "a", requestedKwh = 40, maxKw = 50, minKw = 10 });
        using var second = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "b", requestedKwh = 40, maxKw = 50, minKw = 10 });
        var committedWithBoth = await CommittedKwAsync();

        using var ended = await http.DeleteAsync(first.Headers.Location);
        var view = await ended.Content.ReadFromJsonAsync<JsonElement>();
        var other = await http.GetFromJsonAsync<JsonElement>(second.Headers.Location);
        var committedWithOne = await CommittedKwAsync();
        using var again = await http.DeleteAsync(first.Headers.Location);
        var viewAgain = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(("cancelled", 0.0), (view.GetProperty("state").GetString(), view.GetProperty("kw").GetDouble()));
        Assert.Equal(50, other.GetProperty("kw").GetDouble()); // b had 25 kW while a charged
        Assert.Equal((20.0, 10.0), (committedWithBoth, committedWithOne)); // the balancer counts a's minimum off at once, not at its next poll
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(view.ToString(), viewAgain.ToString()); // as it ended, not ended twice
        Assert.Equal(10, await CommittedKwAsync());
    }

    [Fact]
    public async Task Stopping_an_unknown_session_is_404_and_stops_nothing()
    {
        using var http = _api.Http();
        using var booked = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "a", requestedKwh = 40, maxKw = 50 });
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;

        using var sameSubstation = await http.DeleteAsync($"/api/charge/{id}0");
        using var noSuchSubstation = await http.DeleteAsync("/api/charge/nowhere.1");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (sameSubstation.StatusCode, noSuchSubstation.StatusCode));
        Assert.Equal("application/problem+json", sameSubstation.Content.Headers.ContentType?.MediaType);
        Assert.Equal("charging", (await http.GetFromJsonAsync<JsonElement>(booked.Headers.Location)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{"vehicleId":"ev","requestedKwh":20,"maxKw":11,"minKw":12}""", "minKw")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":20,"maxKw":11,"minKw":-1}""", "minKw")]
    [InlineData("""{"vehicleId":"ev","requestedKwh":20,"maxKw":11,"priority":"first"}""", "priority")]
    public async Task A_bad_minimum_or_priority_is_400_naming_the_field(string body, string field)
    {
        using var http = _api.Http();

        using var response = await http.PostAsync("/api/charge", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await AdmittedAsync());
    }

    private async Task<double> CommittedKwAsync()
    {
        using var http = _balancer.Http();
        var state = await http.GetFromJsonAsync<JsonElement>("/balancer/state");
        return state.GetProperty("destinations")[0].GetProperty("committedKw").GetDouble();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _balancer.DisposeAsync();
        await _substation.DisposeAsync();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }

    private async Task<int> AdmittedAsync()
    {
        using var http = _substation.Http();
        return (int)(await MetricsText.ReadAsync(http, "substation_sessions_admitted_total"))!.Value;
    }
}
