using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace GridAspire.Contracts.Kv;

/// <summary>
/// One shared instance of every node id and of every set of node ids clocks are made of. A store holds a clock per
/// key; without sharing, each clock read off the wire would bring its own copies of "kv1", "kv2"... Bounded, so
/// arbitrary input cannot grow it: beyond the bound, ids and sets are simply not shared.
/// </summary>
public static class NodeIds
{
    private const int MaxIds = 1024;
    private const int MaxSets = 256;
    private const int MaxIdChars = 64;
    private static readonly ConcurrentDictionary<string, string> Ids = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> IdsBySpan =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();

    // Copy-on-write: read without a lock, replaced whole when a new set is seen (rarely: a cluster has few).
    private static string[][] _sets = [];

    /// <summary>The shared instance of the id spelt by <paramref name="utf8"/>.</summary>
    public static string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxIdChars)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxIdChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return IdsBySpan.TryGetValue(chars[..length], out var shared) ? shared : Add(new string(chars[..length]));
    }

    /// <summary>
    /// The shared instance of the string (or property name) <paramref name="reader"/> is on. A value split across
    /// buffer segments, or written with escapes, is read the ordinary way (and not shared).
    /// </summary>
    public static string Read(ref Utf8JsonReader reader) =>
        reader.HasValueSequence || reader.ValueIsEscaped ? reader.GetString() ?? "" : Intern(reader.ValueSpan);

    /// <summary>The shared instance of <paramref name="id"/>.</summary>
    public static string Intern(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Ids.TryGetValue(id, out var shared) ? shared : Add(id);
    }

    /// <summary>A shared array holding <paramref name="ids"/> (in that order); never mutate it.</summary>
    public static string[] InternSet(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sets = Volatile.Read(ref _sets);
        foreach (var set in sets)
        {
            if (SameIds(set, ids))
            {
                return set;
            }
        }

        var created = new string[ids.Count];
        for (var i = 0; i < created.Length; i++)
        {
            created[i] = Intern(ids[i]);
        }

        if (sets.Length < MaxSets)
        {
            Interlocked.CompareExchange(ref _sets, [.. sets, created], sets);
        }

        return created;
    }

    private static string Add(string id) => Ids.Count < MaxIds ? Ids.GetOrAdd(id, id) : id;

    private static bool SameIds(string[] set, IReadOnlyList<string> ids)
    {
        if (set.Length != ids.Count)
        {
            return false;
        }

        for (var i = 0; i < set.Length; i++)
        {
            if (!string.Equals(set[i], ids[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
