using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridAspire.AppHost.Tests;

/// <summary>
/// What a new user sees after stopping a substation under the AppHost: its port keeps accepting connections (the
/// orchestrator's proxy stays up), yet charge requests are admitted elsewhere within a moment, the stopped substation
/// gets none, and once it is back it is used again.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class StoppedSubstationTests(RunningSystem system)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3); // the balancer's connect + response timeouts, with room

    [Fact]
    public async Task A_stopped_substation_costs_a_request_at_most_a_moment_and_is_used_again_once_back()
    {
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        using var deadline = new CancellationTokenSource(RunningSystem.StartupDeadline);
        using var charge = system.App.CreateHttpClient("chargerequest");
        var stop = await commands.ExecuteCommandAsync("substation3", KnownResourceCommands.StopCommand, deadline.Token);
        Assert.True(stop.Success, stop.Message);
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var clock = Stopwatch.StartNew();
                var (status, substation) = await BookAsync(charge, $"stopped-{i}", deadline.Token);

                Assert.Equal(HttpStatusCode.Created, status);
                Assert.NotEqual("substation3", substation);
                Assert.True(clock.Elapsed < Prompt, $"request {i} took {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }
        finally
        {
            var start = await commands.ExecuteCommandAsync("substation3", KnownResourceCommands.StartCommand, deadline.Token);
            Assert.True(start.Success, start.Message);
            await system.App.ResourceNotifications.WaitForResourceHealthyAsync("substation3", deadline.Token);
        }

        // Back: once the balancer's polls find it healthy and its slow start is over, it is the emptiest substation.
        using var balancer = system.App.CreateHttpClient("balancer");
        await UntilSettledAsync(balancer, "substation3", deadline.Token);
        for (var i = 0; i < 20; i++)
        {
            var (status, substation) = await BookAsync(charge, $"back-{i}", deadline.Token);
            Assert.Equal(HttpStatusCode.Created, status);
            if (substation == "substation3")
            {
                return;
            }
        }

        Assert.Fail("substation3 was never used again after it came back");
    }

    // The balancer's own view, polled until the destination is healthy and ramped up, within the deadline.
    private static async Task UntilSettledAsync(HttpClient balancer, string destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var state = await balancer.GetFromJsonAsync<System.Text.Json.JsonDocument>("/balancer/state", cancellationToken);
            var view = state!.RootElement.GetProperty("destinations").EnumerateArray()
                .Single(d => d.GetProperty("destinationId").GetString() == destination);
            if (view.GetProperty("healthy").GetBoolean() && view.GetProperty("slowStartFactor").GetDouble() >= 1)
            {
                return;
            }

            // Polls come once a second and slow start takes 10 s: look again shortly, until the deadline cancels.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static async Task<(HttpStatusCode Status, string? Substation)> BookAsync(HttpClient charge, string vehicle, CancellationToken cancellationToken)
    {
        using var booked = await charge.PostAsJsonAsync("/api/charge", new { vehicleId = vehicle, requestedKwh = 1, maxKw = 3.7 }, cancellationToken);
        var body = booked.IsSuccessStatusCode ? await booked.Content.ReadFromJsonAsync<Dictionary<string, object>>(cancellationToken) : null;
        return (booked.StatusCode, body?["substationId"].ToString());
    }
}
