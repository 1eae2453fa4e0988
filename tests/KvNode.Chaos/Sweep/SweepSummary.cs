using System.Globalization;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>The totals of a sweep, in the form the README records them.</summary>
public static class SweepSummary
{
    /// <summary>One paragraph: seeds, operations, faults by kind, convergence and violations.</summary>
    public static string Describe(IReadOnlyList<SeedResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var faults = results.SelectMany(r => r.History.Faults).GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        var converged = results.Select(r => r.History.ConvergedAfter).OfType<TimeSpan>().Select(t => t.TotalMilliseconds).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"SWEEP seeds={results.Count} ops={results.Sum(r => r.History.Operations.Count)} " +
            $"ok={results.Sum(r => r.Count(Outcome.Ok))} batch-reads-ok={results.Sum(r => r.BatchReads)} multi-key-writes-ok={results.Sum(r => r.BatchWrites)} fail={results.Sum(r => r.Count(Outcome.Fail))} info={results.Sum(r => r.Count(Outcome.Info))} " +
            $"faults={results.Sum(r => r.FaultCount)} ({string.Join(", ", faults)}) " +
            $"convergence max={(converged.Count > 0 ? converged.Max() : 0):0} ms " +
            $"violations={results.Sum(r => r.Violations.Count)} failing-seeds=[{string.Join(",", results.Where(r => r.Violations.Count > 0).Select(r => r.Seed))}]");
    }
}
