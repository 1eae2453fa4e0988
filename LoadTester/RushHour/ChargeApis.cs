using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAspire.LoadTester.RushHour;

/// <summary>
/// The charging API replicas a rush hour books through. With one, every answer (or failure) is final, as before. With
/// several, it behaves as a careful client: each vehicle starts at the next replica in turn, a replica that gives no
/// answer about the grid (a refused or dropped connection, a timeout, a 5xx other than "grid full" or "no substation
/// reachable") is left for the next with the same Idempotency-Key, and "in progress" (the key's claim is held by a
/// replica that may have died) is asked again after its Retry-After; for at most <see cref="GiveUpAfter"/>.
/// </summary>
public sealed class ChargeApis(IReadOnlyList<HttpClient> apis, TimeProvider time)
{
    /// <summary>Longest one vehicle keeps trying (the shared store frees a dead replica's claim after 20 s by default).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private int _next = -1;

    /// <summary>Requests sent on to another replica (or asked again) because one gave no answer about the grid.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    private long _retries;

    /// <summary>Books <paramref name="body"/> with <paramref name="key"/>: the final status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> BookAsync(object body, string key, CancellationToken cancellationToken)
    {
        var first = Interlocked.Increment(ref _next);
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var api = apis[(int)((uint)(first + attempt) % (uint)apis.Count)];
            TimeSpan? wait = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/charge") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await api.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (apis.Count == 1 || IsFinal(response.StatusCode, text) || time.GetElapsedTime(started) >= GiveUpAfter)
                {
                    return (response.StatusCode, text);
                }

                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                }
            }
            catch (Exception ex) when (apis.Count > 1 && time.GetElapsedTime(started) < GiveUpAfter
                && (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)))
            {
                // No answer from this replica: the next one, at once.
            }

            Interlocked.Increment(ref _retries);
            if (wait is { } delay)
            {
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    // An answer about the vehicle: booked, refused by the grid, or refused as invalid. Anything else says nothing about
    // whether the grid would take it.
    private static bool IsFinal(HttpStatusCode status, string body) => status switch
    {
        HttpStatusCode.Conflict => !Title(body).Contains("in progress", StringComparison.OrdinalIgnoreCase),
        HttpStatusCode.ServiceUnavailable => Title(body) is "Grid full" or "No substation reachable",
        >= HttpStatusCode.InternalServerError => false,
        _ => true,
    };

    private static string Title(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
