using GridAspire.LoadTester.Grid;
using GridAspire.LoadTester.Reporting;
using GridAspire.LoadTester.RushHour;
using Spectre.Console;

namespace GridAspire.LoadTester.Cli;

/// <summary>Runs one rush hour, or the same seeded rush hour once per policy (and with a stale poll).</summary>
public static class RushHourCommand
{
    /// <summary>Runs and reports; returns the exit code (1 when any request errored).</summary>
    public static async Task<int> RunAsync(RushHourSettings settings, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var apiClients = new[] { settings.Target }.Concat(settings.AlsoTargets ?? [])
            .Select(uri => new HttpClient { BaseAddress = uri, Timeout = settings.RequestTimeout }).ToList();
        try
        {
            return await RunAsync(settings, new ChargeApis(apiClients, time), console, time, cancellationToken);
        }
        finally
        {
            apiClients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<int> RunAsync(RushHourSettings settings, ChargeApis apis, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        using var balancer = new HttpClient { BaseAddress = settings.Balancer, Timeout = settings.RequestTimeout };
        if (ResultsFolder.Problem(settings.Output) is { } problem)
        {
            console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
            return 2;
        }

        var grid = new GridProbe(balancer, settings.AdminKey);
        var profile = settings.Profile;
        var arrivals = ArrivalSchedule.Generate(profile, settings.Mix, settings.Seed);
        console.MarkupLine($"Rush hour: {arrivals.Count} vehicles over {profile.Duration.TotalSeconds:0} s (peak {profile.PeakPerSecond}/s), seed {settings.Seed}, target {string.Join(", ", new[] { settings.Target }.Concat(settings.AlsoTargets ?? []))}");

        var runs = new List<(string Label, string Policy, double? Poll)>();
        if (settings.Compare.Count == 0)
        {
            runs.Add((settings.Policy ?? (await grid.StateAsync(cancellationToken)).Policy, settings.Policy ?? "", null));
        }
        else
        {
            runs.AddRange(settings.Compare.Select(p => (p, p, (double?)1)));
            if (settings.StalePollSeconds > 0)
            {
                runs.Add(($"LeastLoad, {settings.StalePollSeconds:0} s poll", "LeastLoad", settings.StalePollSeconds));
                runs.Add(($"NaiveLeastLoaded, {settings.StalePollSeconds:0} s poll", "NaiveLeastLoaded", settings.StalePollSeconds));
            }
        }

        var results = new List<RunResult>();
        var runner = new RushHourRunner(apis, grid, time);
        await WarmUpAsync(runner, profile, settings.Mix, console, cancellationToken);
        if (settings.Allocations is { Count: > 0 } allocations)
        {
            return await CompareAllocationsAsync(settings, allocations, grid, runner, arrivals, console, time, cancellationToken);
        }

        foreach (var (label, policy, poll) in runs)
        {
            if (policy.Length > 0)
            {
                await grid.SetPolicyAsync(policy, poll, cancellationToken);
            }

            await DrainAsync(grid, runner, time, cancellationToken);
            var before = await grid.SubstationTotalsAsync(cancellationToken);
            var faults = results.Count == 0 ? settings.Faults : null; // a killed process stays killed: once, in the first run
            var result = await ProgressAsync(console, label, profile, p => runner.RunAsync(label, settings.Seed, profile, arrivals, p, cancellationToken, faults));
            result = result.WithTimeToFull(before, await grid.SubstationTotalsAsync(cancellationToken));
            foreach (var fault in result.Faults)
            {
                console.MarkupLine($"[yellow]fault: {Markup.Escape(fault)}[/]");
            }

            var directory = runs.Count == 1 ? settings.Output : Path.Combine(settings.Output, Slug(label));
            await ResultFiles.WriteAsync(directory, result, cancellationToken);
            Charts.WriteRun(directory, result);
            ConsoleReport.Run(console, result);
            console.MarkupLine($"[grey]results in {Markup.Escape(Path.GetFullPath(directory))}[/]");
            results.Add(result);
        }

        if (results.Count > 1)
        {
            await grid.SetPolicyAsync("LeastLoad", 1, cancellationToken);
            ConsoleReport.Comparison(console, results);
            Charts.WriteComparison(Path.Combine(settings.Output, "comparison.png"), results);
            Charts.WriteVehicleComparison(Path.Combine(settings.Output, "vehicles.png"), results);
            await ComparisonFile.WriteAsync(Path.Combine(settings.Output, "comparison.md"), results, cancellationToken);
        }

        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    // The same seeded rush hour once per allocation mode, LeastLoad placing; the substations' own counters say what each
    // delivered and whether any exceeded its capacity. Leaves the grid in the mode it found it in.
    private static async Task<int> CompareAllocationsAsync(
        RushHourSettings settings, IReadOnlyList<string> allocations, GridProbe grid, RushHourRunner runner, IReadOnlyList<Arrival> arrivals,
        IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var figures = new List<AllocationFigures>();
        var found = (await grid.StateAsync(cancellationToken)).Destinations.Any(d => d.DefaultMinKw is not null) ? "Shared" : "Fixed";
        await grid.SetPolicyAsync("LeastLoad", 1, cancellationToken);
        foreach (var allocation in allocations)
        {
            await DrainAsync(grid, runner, time, cancellationToken);
            await grid.SetAllocationAsync(allocation, time, cancellationToken);
            var before = await grid.SubstationTotalsAsync(cancellationToken);
            var label = $"{allocation} power";
            var result = await ProgressAsync(console, label, settings.Profile, p => runner.RunAsync(label, settings.Seed, settings.Profile, arrivals, p, cancellationToken));
            var after = await grid.SubstationTotalsAsync(cancellationToken);
            result = result.WithTimeToFull(before, after);
            var directory = Path.Combine(settings.Output, Slug(label));
            await ResultFiles.WriteAsync(directory, result, cancellationToken);
            Charts.WriteRun(directory, result);
            figures.Add(AllocationFigures.Of(allocation, result, before, after));
        }

        await DrainAsync(grid, runner, time, cancellationToken);
        await grid.SetAllocationAsync(found, time, cancellationToken);
        AllocationFile.Show(console, figures);
        await AllocationFile.WriteAsync(Path.Combine(settings.Output, "allocation.md"), figures, cancellationToken);
        Charts.WriteComparison(Path.Combine(settings.Output, "comparison.png"), [.. figures.Select(f => f.Run)]);
        console.MarkupLine($"[grey]results in {Markup.Escape(Path.GetFullPath(settings.Output))}[/]");
        return figures.All(f => f.Run.Errors == 0 && f.InvariantHeld) ? 0 : 1;
    }

    /// <summary>
    /// Fifteen seconds of the rush hour's own traffic (its peak rate, its vehicles), not measured and then ended, so the
    /// first compared run does not pay for what only the first burst costs: JIT, connections, and above all the thread
    /// pools growing to the burst's concurrency. A warm-up of a few small requests at a low rate left the first run's p95
    /// five times the second's, whichever policy ran first.
    /// </summary>
    private static async Task WarmUpAsync(RushHourRunner runner, RushHourProfile profile, VehicleMix mix, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var warmUp = new RushHourProfile(profile.PeakPerSecond, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
        var arrivals = ArrivalSchedule.Generate(warmUp, mix, seed: -1);
        console.MarkupLine($"[grey]warm-up: {arrivals.Count} requests at the peak rate, not measured[/]");
        await runner.RunAsync("warm-up", -1, warmUp, arrivals, progress: null, cancellationToken);
    }

    private static async Task<RunResult> ProgressAsync(
        IAnsiConsole console, string label, RushHourProfile profile, Func<IProgress<RushHourRunner.Live>, Task<RunResult>> run)
    {
        RunResult? result = null;
        await console.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(label), maxValue: profile.Duration.TotalSeconds);
            var progress = new Progress<RushHourRunner.Live>(live =>
            {
                task.Value = Math.Min(live.Elapsed.TotalSeconds, profile.Duration.TotalSeconds);
                task.Description = Markup.Escape(FormattableString.Invariant(
                    $"{label}: {live.RatePerSecond:0.0}/s  admitted {live.Admitted}  rejected {live.Rejected}  errors {live.Errors}  p95 {live.P95Ms:0.0} ms"));
            });
            result = await run(progress);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    /// <summary>Ends the previous run's sessions and waits until the balancer sees an empty grid, so runs start alike.</summary>
    private static async Task DrainAsync(GridProbe grid, RushHourRunner runner, TimeProvider time, CancellationToken cancellationToken)
    {
        while (runner.AdmittedSessions.TryTake(out var sessionId))
        {
            await grid.EndSessionAsync(sessionId, cancellationToken);
        }

        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < TimeSpan.FromSeconds(60)
            && (await grid.StateAsync(cancellationToken)).Destinations.Any(d => d.DrawnKw > 0))
        {
            // Another process's state: polling it is the only way to see it empty.
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    private static string Slug(string label) =>
        new(label.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
}
