using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GridAspire.LoadTester.Grid;
using GridAspire.LoadTester.Statistics;

namespace GridAspire.LoadTester.RushHour;

/// <summary>
/// Plays a schedule of arrivals against the charging API in an open model: each request leaves at its scheduled time
/// whether or not earlier ones have been answered. Once a second it samples the balancer's view of the grid.
/// </summary>
public sealed class RushHourRunner(ChargeApis apis, GridProbe grid, TimeProvider time)
{
    private const int MaxInFlight = 2_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Live numbers for a progress display.</summary>
    public sealed record Live(TimeSpan Elapsed, double RatePerSecond, long Admitted, long Rejected, long Errors, double P95Ms);

    /// <summary>Session ids admitted by the last run.</summary>
    public ConcurrentBag<string> AdmittedSessions { get; } = [];

    /// <summary>Runs the rush hour and returns its statistics; <paramref name="faults"/> run during it.</summary>
    public async Task<RunResult> RunAsync(
        string label, int seed, RushHourProfile profile, IReadOnlyList<Arrival> arrivals, IProgress<Live>? progress, CancellationToken cancellationToken,
        IReadOnlyList<ScheduledFault>? faults = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(arrivals);
        var seconds = Enumerable.Range(0, (int)Math.Ceiling(profile.Duration.TotalSeconds) + 120).Select(s => new SecondStats(s)).ToArray();
        var latency = new LatencyRecorder();
        var kwBySubstation = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var (gridFullBefore, avoidableBefore) = await grid.RejectionsAsync(cancellationToken);
        var before = await grid.StateAsync(cancellationToken);
        // Keys are unique per run: replaying the same seeded vehicles must book them again, not replay the last run.
        var run = Guid.NewGuid().ToString("N")[..8];
        var startUtc = time.GetUtcNow();
        var start = time.GetTimestamp();
        long admitted = 0, rejected = 0, errors = 0;
        var retriesBefore = apis.Retries;
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(seconds, start, sampling.Token);
        var faulted = Task.WhenAll((faults ?? []).Select(f => f.RunAsync(start, time, cancellationToken)));
        var requests = new List<Task>(arrivals.Count);

        foreach (var arrival in arrivals)
        {
            var wait = arrival.At - time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            Bucket(seconds, time.GetElapsedTime(start)).CountSent();
            if (!inFlight.Wait(0, cancellationToken))
            {
                // The tester itself cannot keep up: count it, never let it silently become a closed model.
                Interlocked.Increment(ref errors);
                Bucket(seconds, time.GetElapsedTime(start)).CountError();
                continue;
            }

            requests.Add(SendAsync(arrival));
            var elapsed = time.GetElapsedTime(start);
            progress?.Report(new Live(elapsed, profile.RateAt(elapsed), Interlocked.Read(ref admitted), Interlocked.Read(ref rejected), Interlocked.Read(ref errors), latency.Percentile(95)));
        }

        await Task.WhenAll(requests);
        var faultReports = await faulted;
        var endUtc = time.GetUtcNow();
        await sampling.CancelAsync();
        await sampler;
        var (gridFullAfter, avoidableAfter) = await grid.RejectionsAsync(cancellationToken);
        var elapsedTotal = time.GetElapsedTime(start);
        progress?.Report(new Live(elapsedTotal, 0, admitted, rejected, errors, latency.Percentile(95)));

        var used = seconds.Where(s => s.Second <= (int)elapsedTotal.TotalSeconds).ToList();
        var substations = used.SelectMany(s => s.Utilisation.Keys).Distinct().Order().ToList();
        var hold = used.Where(s => profile.IsPeak(TimeSpan.FromSeconds(s.Second)) && s.Utilisation.Count > 0).ToList();
        var figures = GridFigures.Of(
            hold.Select(s => (IReadOnlyDictionary<string, double>)s.Utilisation).ToList(),
            hold.Select(s => s.LoadKw.Values.Sum() / s.CapacityKw.Values.Sum()).ToList());
        var totalKw = kwBySubstation.Values.Sum();
        return new RunResult
        {
            Label = label,
            Policy = before.Policy,
            PollIntervalSeconds = before.PollInterval.TotalSeconds,
            Seed = seed,
            StartUtc = startUtc,
            EndUtc = endUtc,
            Requests = arrivals.Count,
            Admitted = admitted,
            Rejected = rejected,
            GridFullRejections = gridFullAfter - gridFullBefore,
            AvoidableRejections = avoidableAfter - avoidableBefore,
            Errors = errors,
            P50Ms = latency.Percentile(50),
            P95Ms = latency.Percentile(95),
            P99Ms = latency.Percentile(99),
            MaxMs = latency.Max(),
            KwShare = substations.ToDictionary(n => n, n => totalKw == 0 ? 0 : kwBySubstation.GetValueOrDefault(n) / totalKw),
            Hold = figures,
            Vehicles = VehicleFigures.Of([.. hold.Select(s => s.VehicleSamples())]),
            Seconds = used,
            Faults = faultReports,
            Retries = apis.Retries - retriesBefore,
        };

        async Task SendAsync(Arrival arrival)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                var (status, body) = await apis.BookAsync(
                    new { vehicleId = arrival.VehicleId, requestedKwh = arrival.RequestedKwh, maxKw = arrival.MaxKw }, $"{run}-{arrival.VehicleId}", cancellationToken);
                var took = Stopwatch.GetElapsedTime(sent);
                var bucket = Bucket(seconds, time.GetElapsedTime(start));
                latency.Record(took);
                bucket.Latency.Record(took);
                switch (status)
                {
                    case HttpStatusCode.Created:
                        var assignment = JsonSerializer.Deserialize<Assignment>(body, Json);
                        kwBySubstation.AddOrUpdate(assignment!.SubstationId, assignment.Kw, (_, kw) => kw + assignment.Kw);
                        AdmittedSessions.Add(assignment.SessionId);
                        Interlocked.Increment(ref admitted);
                        bucket.CountAdmitted();
                        break;
                    case HttpStatusCode.ServiceUnavailable:
                        Interlocked.Increment(ref rejected);
                        bucket.CountRejected();
                        break;
                    default:
                        Interlocked.Increment(ref errors);
                        bucket.CountError();
                        break;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Refused connection or no answer within the timeout: an error of the system under test, counted.
                Interlocked.Increment(ref errors);
                Bucket(seconds, time.GetElapsedTime(start)).CountError();
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    private static SecondStats Bucket(SecondStats[] seconds, TimeSpan elapsed) =>
        seconds[Math.Clamp((int)elapsed.TotalSeconds, 0, seconds.Length - 1)];

    private async Task SampleAsync(SecondStats[] seconds, long start, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Where the substations are comes from the balancer; how loaded they are, from the substations themselves.
                var state = await grid.StateAsync(cancellationToken);
                var loads = await grid.SubstationLoadsAsync(state.Destinations, cancellationToken);
                var bucket = Bucket(seconds, time.GetElapsedTime(start));
                lock (bucket)
                {
                    foreach (var load in loads.Where(l => l.CapacityKw > 0))
                    {
                        bucket.Utilisation[load.Name] = load.Utilisation;
                        bucket.LoadKw[load.Name] = load.LoadKw;
                        bucket.CapacityKw[load.Name] = load.CapacityKw;
                        bucket.Vehicles[load.Name] = load.Vehicles;
                        bucket.Throttled[load.Name] = load.Throttled;
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // A missed sample leaves a gap in the series; the run goes on.
            }
        }
    }

    private sealed record Assignment(string SessionId, string SubstationId, double Kw);
}
