using System.Globalization;
using System.Net;

namespace GridAspire.Balancer.Tests;

/// <summary>
/// A balancer that died after forwarding a booking left a session nobody heard of. The charge API retries through
/// another balancer with the next attempt number: that one must find the session, not book a second.
/// </summary>
public sealed class BookingFenceTests : IDisposable
{
    private static readonly object Car = new { vehicleId = "ev-1", requestedKwh = 20, maxKw = 11 };
    private readonly SubstationHost _s1 = new("s1", 100);
    private readonly SubstationHost _s2 = new("s2", 100);

    [Fact]
    public async Task A_retried_attempt_finds_the_session_a_dead_balancer_booked_and_books_nothing_more()
    {
        using var orphan = await Send(_s1.Http(), "b-1", attempt: 1); // what the dead balancer forwarded
        using var balancer = await StartBalancerAsync(_s1, _s2);

        using var retried = await Send(balancer.Http(), "b-1", attempt: 2);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(await orphan.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        Assert.Equal(1, await AdmittedAsync());
        Assert.Equal(1, MetricsText.Value(await balancer.Http().GetStringAsync("/metrics"), "balancer_booking_fences_total", ("outcome", "found")));
    }

    [Fact]
    public async Task Without_the_fence_the_same_retry_books_the_vehicle_twice()
    {
        // What the fence prevents: the same retry without a later attempt number is placed as new.
        using var orphan = await Send(_s1.Http(), "b-2", attempt: 1);
        using var balancer = await StartBalancerAsync(_s1, _s2);

        using var retried = await Send(balancer.Http(), "b-2", attempt: 1);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(2, await AdmittedAsync());
    }

    [Fact]
    public async Task A_clear_fence_places_the_retry_and_keeps_the_earlier_attempt_out_everywhere()
    {
        using var balancer = await StartBalancerAsync(_s1, _s2);

        using var retried = await Send(balancer.Http(), "b-3", attempt: 2);
        using var lateAtS1 = await Send(_s1.Http(), "b-3", attempt: 1);
        using var lateAtS2 = await Send(_s2.Http(), "b-3", attempt: 1);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, await AdmittedAsync()); // the retry itself
        var statuses = new[] { lateAtS1.StatusCode, lateAtS2.StatusCode };
        Assert.Contains(HttpStatusCode.Created, statuses); // the late attempt where the retry booked: that session again
        Assert.Contains(HttpStatusCode.Conflict, statuses); // the other substation keeps it out
        Assert.Equal(1, await AdmittedAsync());
    }

    [Fact]
    public async Task A_substation_that_cannot_be_asked_makes_the_retry_503_booking_unknown_and_books_nothing()
    {
        using var balancer = await StartBalancerAsync(_s1, _s2);
        _s2.Dispose(); // it may hold the earlier attempt: the retry must not be placed elsewhere

        using var retried = await Send(balancer.Http(), "b-4", attempt: 2);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, retried.StatusCode);
        Assert.Equal("application/problem+json", retried.Content.Headers.ContentType?.MediaType);
        Assert.Contains("booking_unknown", await retried.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(retried.Headers.RetryAfter);
        Assert.Equal(0, await MetricsText.ReadAsync(_s1.Http(), "substation_sessions_admitted_total", ("substation", "s1")));
    }

    [Fact]
    public async Task A_malformed_booking_is_400_at_the_balancer()
    {
        using var balancer = await StartBalancerAsync(_s1, _s2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = JsonContent.Create(Car) };
        request.Headers.Add("X-Booking-Id", "b-5");
        request.Headers.Add("X-Booking-Attempt", "-1");

        using var response = await balancer.Http().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await AdmittedAsync());
    }

    public void Dispose()
    {
        _s1.Dispose();
        _s2.Dispose();
    }

    private static async Task<BalancerHost> StartBalancerAsync(params SubstationHost[] substations)
    {
        var balancer = new BalancerHost(substations.Select((s, i) => (Id: $"s{i + 1}", s.Address)).ToDictionary(x => x.Id, x => x.Address));
        await balancer.PollAsync();
        return balancer;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, string bookingId, int attempt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = JsonContent.Create(Car) };
        request.Headers.Add("X-Booking-Id", bookingId);
        request.Headers.Add("X-Booking-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
        return await http.SendAsync(request);
    }

    private async Task<double> AdmittedAsync() =>
        (await MetricsText.ReadAsync(_s1.Http(), "substation_sessions_admitted_total", ("substation", "s1")) ?? 0)
        + (await MetricsText.ReadAsync(_s2.Http(), "substation_sessions_admitted_total", ("substation", "s2")) ?? 0);
}
