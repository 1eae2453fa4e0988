using GridAspire.KvNode.Chaos.Cluster;
using GridAspire.KvNode.Chaos.Sweep;

// The long sweep: dotnet run --project tests/KvNode.Chaos -- --seeds 200
// Replay one seed: dotnet run --project tests/KvNode.Chaos -- --seeds 1 --first-seed 42
SweepOptions options;
try
{
    options = SweepOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\nusage: --seeds N [--first-seed S] [--nodes 3-5] [--sessions N] [--ops N] [--keys N] [--faults N] [--keep true] [--data DIR]");
    return 2;
}

Console.WriteLine($"chaos sweep: seeds {options.FirstSeed}..{options.FirstSeed + options.Seeds - 1}, {options.Settings}, " +
    $"nodes from {NodeProcess.AssemblyPath}");
var results = new List<SeedResult>();
var harnessErrors = new List<int>();
for (var seed = options.FirstSeed; seed < options.FirstSeed + options.Seeds; seed++)
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
        Console.WriteLine($"seed {seed,4}: HARNESS ERROR, no verdict: {ex.GetType().Name}: {ex.Message}");
        continue;
    }

    results.Add(result);
    Console.WriteLine(result.Summary);
    foreach (var violation in result.Violations.Take(10))
    {
        Console.WriteLine("  " + violation);
    }

    if (result.Violations.Count > 0)
    {
        Console.WriteLine($"  replay: dotnet run --project tests/KvNode.Chaos -- --seeds 1 --first-seed {seed}; node logs in {result.DataDirectory}");
    }
}

Console.WriteLine(SweepSummary.Describe(results) + $" harness-errors=[{string.Join(",", harnessErrors)}]");
return results.Any(r => r.Violations.Count > 0) || harnessErrors.Count > 0 ? 1 : 0;
