using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.Sweep;
using Xunit.Abstractions;

namespace GridAspire.KvNode.Chaos.Tests;

/// <summary>
/// The CI sweep: ten seeds of real node processes under link faults, partitions, kill -9 and lost disks, three more
/// with the nodes in regions tens of milliseconds apart, and four with nodes joining, removed and leaving, each history
/// checked.
/// The long sweep is the same code: <c>dotnet run --project tests/KvNode.Chaos -- --seeds 200</c>.
/// </summary>
public sealed class ShortSweepTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_seeds_under_faults_keep_causal_consistency_and_lose_no_acknowledged_write()
    {
        var results = await SweepAsync(1, 10, new ChaosSettings());

        // The sweep must really have hurt the cluster, or passing proves nothing.
        Assert.True(results.Sum(r => r.Kills) >= 5, SweepSummary.Describe(results));
        Assert.Contains(results.SelectMany(r => r.History.Faults), f => f.Kind == "partition");
        Assert.Contains(results.SelectMany(r => r.History.Faults), f => f.Kind == LostDisks.FaultKind);
        Assert.True(results.Sum(r => r.Count(History.Outcome.Ok)) >= 2000, SweepSummary.Describe(results));
        Assert.True(results.Sum(r => r.BatchReads) >= 50, SweepSummary.Describe(results));
    }

    [Fact]
    public async Task Three_seeds_across_regions_10_to_150_ms_apart_keep_causal_consistency_too()
    {
        // The long wide-area sweep: dotnet run --project tests/KvNode.Chaos -- --seeds 100 --wide-area true
        var results = await SweepAsync(1, 3, new ChaosSettings(WideArea: true));

        Assert.True(results.Sum(r => r.Kills) >= 1, SweepSummary.Describe(results));
        Assert.True(results.Sum(r => r.Count(History.Outcome.Ok)) >= 600, SweepSummary.Describe(results));
    }

    [Fact]
    public async Task Four_seeds_with_joins_removals_and_leaves_keep_causal_consistency_and_lose_only_what_a_removed_node_alone_held()
    {
        // The long membership sweep: dotnet run --project tests/KvNode.Chaos -- --seeds 100 --membership
        var results = await SweepAsync(1, 4, new ChaosSettings(Membership: true));

        var faults = results.SelectMany(r => r.History.Faults).ToList();
        Assert.Contains(faults, f => f.Kind == "join");
        Assert.Contains(faults, f => f.Kind == LostDisks.RemovedKind);
        Assert.Contains(faults, f => f.Kind is LostDisks.LeftKind or "leave refused");
    }

    private async Task<List<SeedResult>> SweepAsync(int firstSeed, int seeds, ChaosSettings settings)
    {
        var results = new List<SeedResult>();
        // Each sweep its own root, so a failed seed's logs are not deleted by the other sweep's run of the same seed.
        var root = Path.Combine(Path.GetTempPath(), settings.WideArea ? "gridaspire-chaos-ci-wide-area" : settings.Membership ? "gridaspire-chaos-ci-membership" : "gridaspire-chaos-ci");
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var result = await ChaosRun.RunAsync(seed, settings, root);
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

        return results;
    }
}
