using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridAspire.AppHost.Tests;

/// <summary>
/// The AppHost runs two balancers and two charging APIs: a policy switched at one balancer reaches the other, every API
/// books through either, and with one balancer stopped every vehicle is still booked promptly through the other.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ChargingReplicaTests(RunningSystem system)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Two_of_each_share_one_policy_and_a_stopped_balancer_costs_no_vehicle()
    {
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        using var deadline = new CancellationTokenSource(RunningSystem.StartupDeadline);
        using var first = system.App.CreateHttpClient("balancer");
        using var second = system.App.CreateHttpClient("balancer2");
        first.DefaultRequestHeaders.Authorization = new("Bearer", "local-dev-balancer-key-change-me");

        using var switched = await first.PutAsJsonAsync("/balancer/policy", new { policy = "LeastLoad" }, deadline.Token);
        var answer = await switched.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        var secondState = await second.GetFromJsonAsync<JsonElement>("/balancer/state", deadline.Token);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("switched", answer.GetProperty("peers").GetProperty("balancer2").GetString());
        Assert.Equal("balancer2", secondState.GetProperty("replica").GetString());

        var stop = await commands.ExecuteCommandAsync("balancer2", KnownResourceCommands.StopCommand, deadline.Token);
        Assert.True(stop.Success, stop.Message);
        try
        {
            foreach (var api in new[] { "chargerequest", "chargerequest2" })
            {
                using var charge = system.App.CreateHttpClient(api);
                for (var i = 0; i < 4; i++)
                {
                    var clock = Stopwatch.StartNew();
                    using var booked = await charge.PostAsJsonAsync(
                        "/api/charge", new { vehicleId = $"{api}-replica-{i}", requestedKwh = 5, maxKw = 7 }, deadline.Token);

                    Assert.True(booked.StatusCode == HttpStatusCode.Created, $"{api} request {i}: {(int)booked.StatusCode} {await booked.Content.ReadAsStringAsync(deadline.Token)}");
                    Assert.True(clock.Elapsed < Prompt, $"{api} request {i} took {clock.Elapsed.TotalSeconds:0.0} s");
                }
            }
        }
        finally
        {
            var start = await commands.ExecuteCommandAsync("balancer2", KnownResourceCommands.StartCommand, deadline.Token);
            Assert.True(start.Success, start.Message);
            await system.App.ResourceNotifications.WaitForResourceHealthyAsync("balancer2", deadline.Token);
        }
    }
}
