using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>What one seed's run did and whether the checker found anything.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Nodes">Cluster size.</param>
/// <param name="History">The recorded history.</param>
/// <param name="Violations">What the checker found; empty when the run kept every property.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="DataDirectory">Where the nodes' data and logs are (kept when there are violations).</param>
public sealed record SeedResult(
    int Seed, int Nodes, RunHistory History, IReadOnlyList<Violation> Violations, TimeSpan Elapsed, string DataDirectory)
{
    /// <summary>Operations by outcome.</summary>
    public int Count(Outcome outcome) => History.Operations.Count(o => o.Outcome == outcome);

    /// <summary>Faults injected (heals and restarts not counted).</summary>
    public int FaultCount => History.Faults.Count(f => f.Kind is not ("heal" or "restart" or "release" or "partition healed" or "disk resumed" or "unconfirmed"));

    /// <summary>Node processes killed with SIGKILL.</summary>
    public int Kills => History.Faults.Count(f => f.Kind == "kill");

    /// <summary>Kills that also deleted the node's data directory.</summary>
    public int LostDisks => History.Faults.Count(f => f.Kind == Checking.LostDisks.FaultKind);

    /// <summary>Why operations failed, most frequent first: "409 x12, connection refused x3".</summary>
    public string FailureReasons => string.Join(", ", History.Operations
        .Where(o => o.Outcome != Outcome.Ok)
        .GroupBy(o => o.Error is { } e && e.Length >= 3 && char.IsAsciiDigit(e[0]) ? e[..3] : o.Error ?? "?")
        .OrderByDescending(g => g.Count())
        .Select(g => $"{g.Key} x{g.Count()}"));

    /// <summary>One line for the sweep's log.</summary>
    public string Summary =>
        $"seed {Seed,4}: {Nodes} nodes, {History.Operations.Count} ops ({Count(Outcome.Ok)} ok, {Count(Outcome.Fail)} fail, " +
        $"{Count(Outcome.Info)} info: {FailureReasons}; {BatchReads} batch reads ok, {BatchWrites} multi-key writes ok), {FaultCount} faults ({Kills} kill -9, {LostDisks} lost disks), converged in " +
        $"{History.ConvergedAfter?.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms, " +
        $"{Violations.Count} violations{ByKind}, {Elapsed.TotalSeconds:0.0} s";

    /// <summary>Batch reads that answered (each key of one is a read in the history).</summary>
    public int BatchReads => Batches(write: false);

    /// <summary>Multi-key writes that answered (each key of one is a write or delete in the history).</summary>
    public int BatchWrites => Batches(write: true);

    private int Batches(bool write) =>
        History.Operations.Where(o => o.IsWrite == write && o is { Batch: not null, Outcome: Outcome.Ok }).Select(o => o.Batch).Distinct().Count();

    private string ByKind => Violations.Count == 0 ? "" :
        " (" + string.Join(", ", Violations.GroupBy(v => v.Kind).Select(g => $"{g.Key} x{g.Count()}")) + ")";
}
