using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.Sweep;
using Xunit.Abstractions;

namespace GridAspire.KvNode.Chaos.Tests;

/// <summary>
/// The CI sweep: ten seeds of real node processes under link faults, partitions, kill -9 and lost disks, each history checked.
/// The long sweep is the same code: <c>dotnet run --project tests/KvNode.Chaos -- --seeds 200</c>.
/// </summary>
public sealed class ShortSweepTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_seeds_under_faults_keep_causal_consistency_and_lose_no_acknowledged_write()
    {
        var results = new List<SeedResult>();
        var root = Path.Combine(Path.GetTempPath(), "gridaspire-chaos-ci");
        for (var seed = 1; seed <= 10; seed++)
        {
            var result = await ChaosRun.RunAsync(seed, new ChaosSettings(), root);
            results.Add(result);
            output.WriteLine(result.Summary);
            foreach (var violation in result.Violations.Take(5))
            {
                output.WriteLine("  " + violation);
            }
        }

        output.WriteLine(SweepSummary.Describe(results));
        foreach (var failed in results.Where(r => r.Violations.Count > 0))
        {
            Assert.Fail($"seed {failed.Seed}: {failed.Violations.Count} violations, first: {failed.Violations[0]}; logs in {failed.DataDirectory}");
        }

        // The sweep must really have hurt the cluster, or passing proves nothing.
        Assert.True(results.Sum(r => r.Kills) >= 5, SweepSummary.Describe(results));
        Assert.Contains(results.SelectMany(r => r.History.Faults), f => f.Kind == "partition");
        Assert.Contains(results.SelectMany(r => r.History.Faults), f => f.Kind == LostDisks.FaultKind);
        Assert.True(results.Sum(r => r.Count(History.Outcome.Ok)) >= 2000, SweepSummary.Describe(results));
    }
}
