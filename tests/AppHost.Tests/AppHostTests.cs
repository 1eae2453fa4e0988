using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;

namespace GridAspire.AppHost.Tests;

[Collection(SharedSystem.Name)]
public sealed class AppHostTests(RunningSystem system)
{
    [Fact]
    public async Task Every_resource_of_the_whole_system_becomes_healthy()
    {
        Assert.Equal(
            ["balancer", "balancer2", "chargerequest", "chargerequest2", "explorer", "kv1", "kv2", "kv3", "sharedstore", "substation1", "substation2", "substation3"],
            system.Projects);
        using var http = system.App.CreateHttpClient("chargerequest");
        using var response = await http.GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_causality_explorer_watches_every_kv_node_and_serves_its_page()
    {
        using var explorer = system.App.CreateHttpClient("explorer");
        Assert.Contains("Causality explorer", await explorer.GetStringAsync("/"), StringComparison.Ordinal);

        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var nodes = (await explorer.GetFromJsonAsync<List<WatchedNode>>("/api/nodes"))!;
            Assert.Equal(["kv1", "kv2", "kv3"], nodes.Select(n => n.Node));
            if (nodes.All(n => n.Connected))
            {
                break;
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "the explorer never watched every node");
            // Another process's connections, seen only through its API: asking again shortly is the only signal.
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_charge_request_and_a_causal_write_go_through_the_whole_system()
    {
        using var charge = system.App.CreateHttpClient("chargerequest");
        using var booked = await charge.PostAsJsonAsync("/api/charge", new { vehicleId = "apphost-ev", requestedKwh = 20, maxKw = 11 });
        var assignment = await booked.Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.StartsWith("substation", assignment!["substationId"].ToString(), StringComparison.Ordinal);

        using var kv1 = system.App.CreateHttpClient("kv1");
        using var kv3 = system.App.CreateHttpClient("kv3");
        using var written = await kv1.PutAsJsonAsync("/kv/apphost-key", new { value = "v" });
        using var read = new HttpRequestMessage(HttpMethod.Get, "/kv/apphost-key");
        read.Headers.Add("X-Causal-Context", written.Headers.GetValues("X-Causal-Context").Single());
        using var seen = await kv3.SendAsync(read);

        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Contains("\"value\":\"v\"", await seen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_priority_key_books_priority_charging_and_no_key_is_refused()
    {
        using var charge = system.App.CreateHttpClient("chargerequest");
        object ambulance = new { vehicleId = "apphost-ambulance", requestedKwh = 20, maxKw = 11, priority = "priority" };

        using var anonymous = await charge.PostAsJsonAsync("/api/charge", ambulance);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(ambulance) };
        request.Headers.Authorization = new("Bearer", "local-dev-priority-key-change-me"); // AppHost/appsettings.json's Parameters:charge-priority-key
        using var booked = await charge.SendAsync(request);
        var session = await charge.GetFromJsonAsync<Dictionary<string, object>>(booked.Headers.Location);
        using var ended = await charge.DeleteAsync(booked.Headers.Location);

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal("priority", session!["priority"].ToString());
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
    }

    private sealed record WatchedNode(string Node, bool Connected);
}
