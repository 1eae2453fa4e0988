using System.Globalization;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// The one allowance a lost disk gets. A node whose data directory was deleted rejoins as a new incarnation
/// (<c>kv1</c> becomes <c>kv1.2</c>); an acknowledged write of the old incarnation that no node holds at the end never
/// left the lost disk, and is not counted as lost. Nothing else is excused: a write of the old incarnation that any node
/// holds must reach every node, and clocks may leave out only whole entries of retired incarnations (pruned once every
/// node has all their writes), never lower a counter. A member removed for good (killed, then removed) is the same case
/// for all of its entries: its writes no remaining node holds went with it. A member that left gets no allowance: it
/// leaves only once every other has all its writes.
/// </summary>
public static class LostDisks
{
    /// <summary>The fault kind the injector records when it deletes a killed node's data directory.</summary>
    public const string FaultKind = "lost disk";

    /// <summary>The fault kind the injector records when it removes a killed node for good.</summary>
    public const string RemovedKind = "removed";

    /// <summary>
    /// Clock entries of incarnations that ended with a lost disk in this run: entries of a node whose disk was deleted
    /// other than the one it writes under at the end (or, when that is not known, older than another entry of it).
    /// </summary>
    public static IReadOnlySet<string> RetiredEntries(RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var wiped = history.Faults.Where(f => f.Kind == FaultKind).Select(f => f.Description.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var removed = history.Faults.Where(f => f.Kind == RemovedKind).Select(f => f.Description.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var entries = history.Final.Values.SelectMany(s => s.Clock.Keys)
            .Concat(history.Operations.Where(o => o.Result is not null).SelectMany(o => o.Result!.Clock.Keys))
            .ToHashSet(StringComparer.Ordinal);
        return entries
            .Where(e => removed.Contains(MemberOf(e)) || (wiped.Contains(MemberOf(e)) && (history.Final.GetValueOrDefault(MemberOf(e))?.Writer is { } writer
                ? writer != e
                : entries.Any(newer => MemberOf(newer) == MemberOf(e) && NumberOf(newer) > NumberOf(e)))))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The fault kind the injector records when a node left the cluster.</summary>
    public const string LeftKind = "left";

    /// <summary>
    /// Clock entries new writes may leave out whole: those of <see cref="RetiredEntries"/>, and those of a member that
    /// left (every node has all its writes, so nodes stop carrying its entry once they all report the same counter).
    /// Leaving them out is no licence to lose them: that is <see cref="RetiredEntries"/> alone.
    /// </summary>
    public static IReadOnlySet<string> OmittableEntries(RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var left = history.Faults.Where(f => f.Kind == LeftKind).Select(f => f.Description.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var entries = history.Final.Values.SelectMany(s => s.Clock.Keys)
            .Concat(history.Operations.Where(o => o.Result is not null).SelectMany(o => o.Result!.Clock.Keys));
        return RetiredEntries(history).Union(entries.Where(e => left.Contains(MemberOf(e)))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="write"/> was acknowledged by a retired incarnation and no node holds it at the end.</summary>
    public static bool WentWithTheDisk(Operation write, RunHistory history, IReadOnlySet<string> retired)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(retired);
        return write.Result is { } result && retired.Contains(result.Origin)
            && history.Final.Values.All(s => s.Clock.GetValueOrDefault(result.Origin) < result.Id.Sequence);
    }

    private static string MemberOf(string entry) => entry.Split('.')[0];

    private static int NumberOf(string entry) =>
        entry.Split('.') is [_, var number] ? (int.TryParse(number, CultureInfo.InvariantCulture, out var n) ? n : 0) : 1;
}
