using System.Buffers.Text;
using System.Text.Json;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Sessions;

/// <summary>
/// The client's causal context: the merge of every clock the client has seen or written, carried as an opaque
/// token in <see cref="KvHeaders.CausalContext"/>. Clients echo it back; they never need to parse it.
/// </summary>
public static class CausalContext
{
    private const string Prefix = "v1.";
    private const int MaxTokenLength = 4096;
    private const int MaxInlineJson = 512;

    /// <summary>Encodes a clock as a token.</summary>
    public static string Encode(VectorClock clock)
    {
        // Once per response: written by hand into the stack, one string allocated. Ids that JSON would need to escape
        // (never this cluster's, which are validated) take the serializer.
        Span<byte> json = stackalloc byte[MaxInlineJson];
        if (!TryWriteJson(clock, json, out var length))
        {
            return Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(clock));
        }

        Span<char> token = stackalloc char[Prefix.Length + Base64Url.GetEncodedLength(length)];
        Prefix.CopyTo(token);
        Base64Url.EncodeToChars(json[..length], token[Prefix.Length..]);
        return new string(token);
    }

    /// <summary>
    /// Decodes a token issued by a node of this cluster. Returns null and an error when the token is malformed,
    /// from another format version, or names nodes outside <paramref name="members"/>.
    /// </summary>
    public static VectorClock? TryDecode(string token, IReadOnlySet<string> members, out string? error)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(members);
        error = null;
        if (token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"{KvHeaders.CausalContext} is not a token issued by this cluster";
            return null;
        }

        try
        {
            var clock = JsonSerializer.Deserialize<VectorClock>(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
            if (clock is null)
            {
                error = $"{KvHeaders.CausalContext} is malformed";
                return null;
            }

            if (clock.Nodes.FirstOrDefault(n => !Incarnations.IsEntryOf(n, members)) is { } unknown)
            {
                error = $"{KvHeaders.CausalContext} names node '{unknown}', which is not in this cluster";
                return null;
            }

            return clock;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            error = $"{KvHeaders.CausalContext} is malformed";
            return null;
        }
    }

    // {"kv1":3,"kv2":1}, the same bytes the serializer writes for ids of letters, digits, '-', '_' and '.'.
    private static bool TryWriteJson(VectorClock clock, Span<byte> json, out int length)
    {
        ArgumentNullException.ThrowIfNull(clock);
        length = 0;
        var at = 0;
        if (!Put(json, ref at, (byte)'{'))
        {
            return false;
        }

        for (var i = 0; i < clock.Count; i++)
        {
            var node = clock.NodeAt(i);
            if ((i > 0 && !Put(json, ref at, (byte)',')) || !Put(json, ref at, (byte)'"') || at + node.Length + 2 > json.Length)
            {
                return false;
            }

            foreach (var c in node)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
                {
                    return false;
                }

                json[at++] = (byte)c;
            }

            json[at++] = (byte)'"';
            json[at++] = (byte)':';
            if (!Utf8Formatter.TryFormat(clock.CounterAt(i), json[at..], out var written))
            {
                return false;
            }

            at += written;
        }

        if (!Put(json, ref at, (byte)'}'))
        {
            return false;
        }

        length = at;
        return true;
    }

    private static bool Put(Span<byte> json, ref int at, byte b)
    {
        if (at >= json.Length)
        {
            return false;
        }

        json[at++] = b;
        return true;
    }
}
