using System.Net;

namespace GridAspire.Substation.Tests;

/// <summary>
/// A booking id makes admission idempotent across balancers: the same booking is one session, and a fence from a later
/// attempt finds it or keeps every earlier attempt out.
/// </summary>
public sealed class BookingApiTests : IDisposable
{
    private static readonly object Car = new { vehicleId = "ev-1", requestedKwh = 20, maxKw = 11 };
    private readonly SubstationHost _substation = new("book", capacityKw: 100);

    [Fact]
    public async Task The_same_booking_sent_twice_is_one_session()
    {
        using var http = _substation.Http();

        using var first = await Admit(http, "booking-1", attempt: 1);
        using var again = await Admit(http, "booking-1", attempt: 1);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.True(again.Headers.Contains("X-Session-Expected-End"));
        Assert.Equal(1, await Admitted(http));
    }

    [Fact]
    public async Task A_fence_finds_an_admitted_booking()
    {
        using var http = _substation.Http();
        using var admitted = await Admit(http, "booking-2", attempt: 1);

        using var fence = await http.PostAsync("/bookings/booking-2/fence?attempt=2", content: null);

        Assert.Equal(HttpStatusCode.OK, fence.StatusCode);
        Assert.Equal(await admitted.Content.ReadAsStringAsync(), await fence.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_a_fence_an_earlier_attempt_is_409_and_books_nothing_and_the_fencing_attempt_books()
    {
        using var http = _substation.Http();

        using var fence = await http.PostAsync("/bookings/booking-3/fence?attempt=2", content: null);
        using var late = await Admit(http, "booking-3", attempt: 1);
        using var retried = await Admit(http, "booking-3", attempt: 2);

        Assert.Equal(HttpStatusCode.NotFound, fence.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, await Admitted(http));
    }

    [Theory]
    [InlineData("/bookings/b/fence")]
    [InlineData("/bookings/b/fence?attempt=0")]
    [InlineData("/bookings/b/fence?attempt=x")]
    public async Task A_fence_without_a_valid_attempt_is_400(string path)
    {
        using var http = _substation.Http();

        using var response = await http.PostAsync(path, content: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("", "1")]
    [InlineData("has space", "1")]
    [InlineData("ok", "0")]
    [InlineData("ok", "two")]
    public async Task A_malformed_booking_header_is_400_and_books_nothing(string id, string attempt)
    {
        using var http = _substation.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = JsonContent.Create(Car) };
        request.Headers.TryAddWithoutValidation("X-Booking-Id", id);
        request.Headers.TryAddWithoutValidation("X-Booking-Attempt", attempt);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Admitted(http));
    }

    public void Dispose() => _substation.Dispose();

    private static async Task<HttpResponseMessage> Admit(HttpClient http, string bookingId, int attempt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = JsonContent.Create(Car) };
        request.Headers.Add("X-Booking-Id", bookingId);
        request.Headers.Add("X-Booking-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await http.SendAsync(request);
    }

    private static async Task<double?> Admitted(HttpClient http) =>
        await MetricsText.ReadAsync(http, "substation_sessions_admitted_total", ("substation", "book"));
}
