using System.Net;
using System.Text.Json;

namespace GridAspire.Substation.Tests;

/// <summary>The substation's HTTP API with <c>Substation:Allocation=Shared</c>.</summary>
public sealed class SharedSessionApiTests
{
    [Fact]
    public async Task A_shared_substation_grants_power_now_says_it_may_change_and_shows_the_session_as_it_goes()
    {
        using var substation = new SubstationHost("shared", capacityKw: 30, settings: new Dictionary<string, string?> { ["Substation:Allocation"] = "Shared" });
        using var http = substation.Http();

        using var first = await http.PostAsJsonAsync("/sessions", new { vehicleId = "a", requestedKwh = 50, maxKw = 22 });
        using var second = await http.PostAsJsonAsync("/sessions", new { vehicleId = "b", requestedKwh = 50, maxKw = 22, minKw = 6, priority = "priority" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var granted = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(granted.GetProperty("powerMayChange").GetBoolean());
        Assert.Equal(22, granted.GetProperty("kw").GetDouble());
        Assert.Equal(6, granted.GetProperty("minKw").GetDouble());
        var a = await http.GetFromJsonAsync<JsonElement>(first.Headers.Location);
        Assert.Equal(8, a.GetProperty("kw").GetDouble()); // what the priority session leaves
        Assert.Equal(4.1, a.GetProperty("minKw").GetDouble());
        Assert.Equal("standard", a.GetProperty("priority").GetString());
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Equal(10.1 * 1000, MetricsText.Value(metrics, "substation_promised_watts", ("substation", "shared"))!.Value, 6);
        Assert.Equal(1, MetricsText.Value(metrics, "substation_sessions_throttled", ("substation", "shared")));
        Assert.Equal(22 * 1000, MetricsText.Value(metrics, "substation_power_watts", ("substation", "shared"), ("priority", "priority")));
    }

    [Theory]
    [InlineData("{\"vehicleId\":\"a\",\"requestedKwh\":10,\"maxKw\":11,\"minKw\":12}", "minKw")]
    [InlineData("{\"vehicleId\":\"a\",\"requestedKwh\":10,\"maxKw\":11,\"minKw\":0}", "minKw")]
    [InlineData("{\"vehicleId\":\"a\",\"requestedKwh\":10,\"maxKw\":11,\"priority\":\"vip\"}", "priority")]
    public async Task A_bad_minimum_or_priority_is_a_400_naming_the_field(string body, string field)
    {
        using var substation = new SubstationHost("shared-bad", capacityKw: 30, settings: new Dictionary<string, string?> { ["Substation:Allocation"] = "Shared" });
        using var http = substation.Http();

        using var response = await http.PostAsync("/sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await MetricsText.ReadAsync(http, "substation_sessions_active", ("substation", "shared-bad")));
    }

    [Fact]
    public async Task The_allocation_switches_only_with_the_admin_key_and_only_while_no_vehicle_charges()
    {
        const string key = "test-substation-admin-key";
        using var substation = new SubstationHost("switch", capacityKw: 30, speed: 3600, settings: new Dictionary<string, string?> { ["Substation:AdminKey"] = key });
        using var http = substation.Http();
        using var admin = substation.Http();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var anonymous = await http.PutAsJsonAsync("/admin/allocation", new { allocation = "Shared" });
        using var created = await http.PostAsJsonAsync("/sessions", new { vehicleId = "a", requestedKwh = 300, maxKw = 22 });
        using var busy = await admin.PutAsJsonAsync("/admin/allocation", new { allocation = "Shared" });
        await http.DeleteAsync(created.Headers.Location);
        using var bad = await admin.PutAsJsonAsync("/admin/allocation", new { allocation = "Generous" });
        using var numeric = await admin.PutAsJsonAsync("/admin/allocation", new { allocation = "1" });
        using var switched = await admin.PutAsJsonAsync("/admin/allocation", new { allocation = "Shared" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (bad.StatusCode, numeric.StatusCode));
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Equal(4.1 * 1000, MetricsText.Value(metrics, "substation_default_min_watts", ("substation", "switch"))!.Value, 6);
        Assert.Equal(0, MetricsText.Value(metrics, "substation_peak_load_watts", ("substation", "switch"))); // a new peak per mode
        using var two = await http.PostAsJsonAsync("/sessions", new { vehicleId = "b", requestedKwh = 300, maxKw = 22 });
        using var three = await http.PostAsJsonAsync("/sessions", new { vehicleId = "c", requestedKwh = 300, maxKw = 22 });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (two.StatusCode, three.StatusCode)); // 44 kW of maxima on 30 kW
        Assert.Equal(0, await MetricsText.ReadAsync(http, "substation_capacity_exceeded_total", ("substation", "switch")));
    }
}
