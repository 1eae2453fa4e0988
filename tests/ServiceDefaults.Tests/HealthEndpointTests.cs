using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridAspire.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Health_and_alive_answer_200_in_every_environment(string environment)
    {
        await using var app = await StartAsync(environment, failingReadinessCheck: false);
        using var client = ClientFor(app);

        var health = await client.GetAsync(HealthEndpoints.HealthPath);
        var alive = await client.GetAsync(HealthEndpoints.AlivePath);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task A_failing_readiness_check_fails_health_but_not_alive()
    {
        await using var app = await StartAsync("Production", failingReadinessCheck: true);
        using var client = ClientFor(app);

        var health = await client.GetAsync(HealthEndpoints.HealthPath);
        var alive = await client.GetAsync(HealthEndpoints.AlivePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(string environment, bool failingReadinessCheck)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        if (failingReadinessCheck)
        {
            builder.Services.AddHealthChecks().AddCheck("not-ready", () => HealthCheckResult.Unhealthy("warming up"));
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    private static HttpClient ClientFor(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.Single()) };
}
