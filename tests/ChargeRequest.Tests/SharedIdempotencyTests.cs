using System.Net;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>
/// Two charging APIs sharing one idempotency store (the real SharedStore service: Garnet), in front of a real balancer
/// and substation: a key books once whichever replica its requests reach, and a store that is down books nothing.
/// </summary>
public sealed class SharedIdempotencyTests : IAsyncLifetime
{
    private static readonly object Car = new { vehicleId = "ev-1", requestedKwh = 20, maxKw = 11 };
    private readonly SharedStoreHost _store = new();
    private SubstationHost _substation = null!;
    private BalancerHost _balancer = null!;
    private ChargeApiHost _api1 = null!;
    private ChargeApiHost _api2 = null!;

    public async Task InitializeAsync()
    {
        _substation = new SubstationHost("s1", 11);
        _balancer = new BalancerHost(new Dictionary<string, Uri> { ["s1"] = _substation.Address });
        await _balancer.PollAsync();
        var shared = new Dictionary<string, string?> { ["ConnectionStrings:idempotency"] = _store.ConnectionString };
        _api1 = new ChargeApiHost(_balancer.Address, shared);
        _api2 = new ChargeApiHost(_balancer.Address, shared);
        await ConnectedAsync(_api1);
        await ConnectedAsync(_api2);
    }

    [Fact]
    public async Task Concurrent_duplicates_across_two_replicas_book_once_and_all_get_the_same_assignment()
    {
        using var one = _api1.Http();
        using var two = _api2.Http();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await Send(i % 2 == 0 ? one : two, Car, "shared-key-1");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }));
        using var later = await Send(two, Car, "shared-key-1");

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {r.Body}"));
        Assert.Single(responses.Select(r => r.Body).Append(await later.Content.ReadAsStringAsync()).Distinct());
        Assert.Equal(7, responses.Count(r => r.Replayed));
        Assert.True(later.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await MetricsText.ReadAsync(_substation.Http(), "substation_sessions_admitted_total", ("substation", "s1")));
    }

    [Fact]
    public async Task A_key_reused_for_another_request_on_the_other_replica_is_422_and_books_nothing()
    {
        using var first = await Send(_api1.Http(), Car, "shared-key-2");
        using var other = await Send(_api2.Http(), new { vehicleId = "ev-2", requestedKwh = 5, maxKw = 3 }, "shared-key-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await MetricsText.ReadAsync(_substation.Http(), "substation_sessions_admitted_total", ("substation", "s1")));
    }

    [Fact]
    public async Task A_refusal_is_not_kept_so_a_retry_on_the_other_replica_really_tries_again()
    {
        using var filler = await _api1.Http().PostAsJsonAsync("/api/charge", new { vehicleId = "bus", requestedKwh = 10, maxKw = 11 });
        using var refused = await Send(_api1.Http(), Car, "shared-key-3");
        using var cancelled = await _balancer.Http().DeleteAsync(filler.Headers.Location!.ToString().Replace("/api/charge", "/sessions", StringComparison.Ordinal));
        using var retried = await Send(_api2.Http(), Car, "shared-key-3");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task While_the_store_is_down_a_request_with_a_key_is_503_and_books_nothing_and_one_without_a_key_still_books()
    {
        await _store.DisposeAsync();
        using var http = _api1.Http();

        var started = DateTime.UtcNow;
        using var withKey = await Send(http, Car, "shared-key-4");
        var took = DateTime.UtcNow - started;
        using var withoutKey = await http.PostAsJsonAsync("/api/charge", new { vehicleId = "ev-3", requestedKwh = 5, maxKw = 3 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, withKey.StatusCode);
        Assert.Equal("application/problem+json", withKey.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency store unavailable", await withKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(withKey.Headers.RetryAfter);
        Assert.True(took < TimeSpan.FromSeconds(5), $"a store that is down costs a bounded wait, not {took}");
        Assert.Equal(HttpStatusCode.Created, withoutKey.StatusCode);
        Assert.Equal(1, await MetricsText.ReadAsync(_substation.Http(), "substation_sessions_admitted_total", ("substation", "s1")));

        // Readiness says so, and stays 200: every replica shares the store, and requests without a key still book.
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_record_the_api_cannot_read_is_503_and_books_nothing()
    {
        using (var store = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_store.ConnectionString))
        {
            await store.GetDatabase().StringSetAsync("idempotency:shared-key-5", "not a record");
        }

        using var answer = await Send(_api1.Http(), Car, "shared-key-5");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("Idempotency store unavailable", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await MetricsText.ReadAsync(_substation.Http(), "substation_sessions_admitted_total", ("substation", "s1")) ?? 0);
    }

    public async Task DisposeAsync()
    {
        await _api1.DisposeAsync();
        await _api2.DisposeAsync();
        await _balancer.DisposeAsync();
        await _substation.DisposeAsync();
        await _store.DisposeAsync();
    }

    // An API connects to the store when first asked (here by its health check), and a loaded machine may take longer
    // than the one second a store call may take: until then /health says Degraded and keyed requests get 503.
    private static async Task ConnectedAsync(ChargeApiHost api)
    {
        using var http = api.Http();
        var since = TimeProvider.System.GetTimestamp();
        string health;
        while ((health = await http.GetStringAsync("/health")) != "Healthy")
        {
            Assert.True(TimeProvider.System.GetElapsedTime(since) < TimeSpan.FromSeconds(30), $"the API never reached the shared store: {health}");
            await Task.Delay(TimeSpan.FromMilliseconds(100)); // the multiplexer reconnects in the background; bounded above
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
