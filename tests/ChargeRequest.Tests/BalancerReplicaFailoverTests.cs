using System.Net;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>
/// The API knows every balancer replica and sends a request on to the next when one cannot be reached; a replica that
/// could not be reached is tried after the others until it answers again (for a while: ChargeApi:ReplicaRetryAfter).
/// </summary>
public sealed class BalancerReplicaFailoverTests : IAsyncLifetime
{
    private SubstationHost _substation = null!;
    private BalancerHost _balancer = null!;
    private ChargeApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _substation = new SubstationHost("s1", 1000);
        _balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = _substation.Address });
        await _balancer.PollAsync();

        // Replica 0 is down (nothing listens on a port claimed and never bound); replica 1 is the real balancer.
        var down = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}");
        _api = new ChargeApiHost(down, new Dictionary<string, string?>
        {
            ["services:balancer:http:1"] = _balancer.Address.ToString(),
            ["ChargeApi:ReplicaRetryAfter"] = "00:10:00", // longer than the test: every request after the first avoids it
        });
    }

    [Fact]
    public async Task Every_request_is_answered_by_the_replica_that_is_up_and_only_the_first_pays_for_the_one_that_is_down()
    {
        using var http = _api.Http();

        var booked = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            booked.Add(await http.PostAsJsonAsync("/api/charge", new { vehicleId = $"ev-{i}", requestedKwh = 10, maxKw = 11 }));
        }

        var read = new List<HttpResponseMessage>();
        foreach (var response in booked)
        {
            read.Add(await http.GetAsync(response.Headers.Location));
            read.Add(await http.DeleteAsync(response.Headers.Location));
        }

        Assert.All(booked, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(read, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(4, await MetricsText.ReadAsync(_substation.Http(), "substation_sessions_admitted_total", ("substation", "s1")));
        var metrics = await http.GetStringAsync("/metrics");
        // In turn, half of the 12 requests would start at the dead replica; after the first, it is tried last.
        Assert.Equal(1, MetricsText.Value(metrics, "charge_balancer_failovers_total"));
        Assert.Equal(1, MetricsText.Value(metrics, "charge_balancer_replicas_unanswering"));
        booked.Concat(read).ToList().ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task A_409_about_the_booking_is_not_a_refusal_the_next_balancer_fences_and_books()
    {
        // A balancer whose substation says the booking is in flight or superseded: nothing known about the vehicle.
        await using var conflicted = await ConflictingBalancer.StartAsync();
        await using var api = new ChargeApiHost(conflicted.Address, new Dictionary<string, string?> { ["services:balancer:http:1"] = _balancer.Address.ToString() });
        using var http = api.Http();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++) // one of the two starts at the conflicting replica
        {
            using var response = await http.PostAsJsonAsync("/api/charge", new { vehicleId = $"ev-409-{i}", requestedKwh = 10, maxKw = 11 });
            answers.Add(response.StatusCode);
        }

        Assert.All(answers, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(conflicted.Requests >= 1, "no request met the conflicting replica: the test proved nothing");
        Assert.Equal(1, MetricsText.Value(await http.GetStringAsync("/metrics"), "charge_balancer_failovers_total"));
    }

    [Fact]
    public void The_balancer_client_does_not_resolve_a_replica_address_again()
    {
        // Compose and Kubernetes name a replica by the service's own name ("http://balancer:8080"): the service defaults'
        // resolving handler would send an attempt meant for one replica to whichever comes next in its rotation.
        var handler = _api.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(Charging.BalancerClient));
        Assert.DoesNotContain("ResolvingHttpDelegatingHandler", Chain(handler));
        var other = _api.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("any-other-client");
        Assert.Contains("ResolvingHttpDelegatingHandler", Chain(other)); // the check looks for a name that exists
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _balancer.DisposeAsync();
        await _substation.DisposeAsync();
    }

    private static List<string> Chain(HttpMessageHandler handler)
    {
        var chain = new List<string>();
        for (HttpMessageHandler? h = handler; h is not null; h = (h as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(h.GetType().Name);
        }

        return chain;
    }
}
