using GridAspire.KvNode.Chaos.Cluster;

namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>Runs every seed of a sweep, prints each verdict and how to replay a failure, and the summary.</summary>
public static class SweepCommand
{
    /// <summary>Runs the sweep; exit code 1 when any seed found a violation or could not be run.</summary>
    public static async Task<int> RunAsync(SweepOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"chaos sweep: seeds {options.FirstSeed}..{options.FirstSeed + options.Seeds - 1}, {options.Settings}, " +
            $"nodes from {NodeProcess.AssemblyPath}");
        var results = new List<SeedResult>();
        var harnessErrors = new List<int>();
        for (var seed = options.FirstSeed; seed < options.FirstSeed + options.Seeds && !cancellationToken.IsCancellationRequested; seed++)
        {
            SeedResult result;
            try
            {
                result = await ChaosRun.RunAsync(seed, options.Settings, options.DataRoot);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                // The harness could not run this seed (a node did not start, the machine was too slow): not a verdict.
                harnessErrors.Add(seed);
                await output.WriteLineAsync($"seed {seed,4}: HARNESS ERROR, no verdict: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            results.Add(result);
            await output.WriteLineAsync(result.Summary);
            foreach (var violation in result.Violations.Take(10))
            {
                await output.WriteLineAsync("  " + violation);
            }

            if (result.Violations.Count > 0)
            {
                await output.WriteLineAsync($"  replay: dotnet run --project tests/KvNode.Chaos -- --seeds 1 --first-seed {seed}; node logs in {result.DataDirectory}");
            }
        }

        await output.WriteLineAsync(SweepSummary.Describe(results) + $" harness-errors=[{string.Join(",", harnessErrors)}]");
        return results.Any(r => r.Violations.Count > 0) || harnessErrors.Count > 0 ? 1 : 0;
    }
}
