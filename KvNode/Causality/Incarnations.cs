using System.Globalization;

namespace GridAspire.KvNode.Causality;

/// <summary>
/// How a node's identity in vector clocks changes when it loses its disk. Node <c>kv1</c> writes as <c>kv1</c> until
/// it starts with an empty data directory while its peers hold its writes; it then rejoins as <c>kv1.2</c> (then
/// <c>kv1.3</c>...), a new clock entry whose counter starts at 1. The lost incarnation's entry stays in clocks,
/// frozen: nobody writes under it again, so no (entry, counter) pair is ever reused, not even one the lost disk
/// acknowledged alone. Node ids cannot contain '.', so the member a clock entry belongs to is always clear.
/// </summary>
public static class Incarnations
{
    /// <summary>Separates a node id from its incarnation number in a clock entry.</summary>
    public const char Separator = '.';

    /// <summary>The node (cluster member) a clock entry belongs to: <c>kv1.3</c> and <c>kv1</c> both belong to <c>kv1</c>.</summary>
    public static string MemberOf(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var dot = entry.IndexOf(Separator, StringComparison.Ordinal);
        return dot < 0 ? entry : entry[..dot];
    }

    /// <summary>The incarnation number of a clock entry: 1 for <c>kv1</c>, 3 for <c>kv1.3</c>; 0 when malformed.</summary>
    public static int NumberOf(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var dot = entry.IndexOf(Separator, StringComparison.Ordinal);
        if (dot < 0)
        {
            return 1;
        }

        var digits = entry.AsSpan(dot + 1);
        return digits.Length is > 0 and <= 9 && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 2
            ? number
            : 0;
    }

    /// <summary>
    /// True for <c>kv1.2</c> and later: the member lost its disk and came back, so what its earlier incarnation
    /// acknowledged is gone. False for a member's first incarnation (<c>kv1</c>) and for a malformed entry.
    /// </summary>
    public static bool ReplacesLostDisk(string entry) => NumberOf(entry) > 1;

    /// <summary>The clock entry of <paramref name="member"/>'s incarnation <paramref name="number"/>.</summary>
    public static string Entry(string member, int number)
    {
        ArgumentException.ThrowIfNullOrEmpty(member);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return number == 1 ? member : string.Create(CultureInfo.InvariantCulture, $"{member}{Separator}{number}");
    }

    /// <summary>True when <paramref name="entry"/> is a well-formed incarnation of one of <paramref name="members"/>.</summary>
    public static bool IsEntryOf(string entry, IReadOnlySet<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return NumberOf(entry) > 0 && members.Contains(MemberOf(entry));
    }

    /// <summary>The highest incarnation of <paramref name="member"/> that <paramref name="clock"/> names; 0 when none.</summary>
    public static int HighestIn(VectorClock clock, string member)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var highest = 0;
        foreach (var node in clock.Nodes)
        {
            if (MemberOf(node) == member)
            {
                highest = Math.Max(highest, NumberOf(node));
            }
        }

        return highest;
    }
}
