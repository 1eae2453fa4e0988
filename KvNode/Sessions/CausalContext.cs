using System.Buffers.Text;
using System.Text.Json;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Sessions;

/// <summary>
/// The client's causal context: the merge of every clock the client has seen or written, carried as an opaque
/// token in <see cref="HeaderName"/>. Clients echo it back; they never need to parse it.
/// </summary>
public static class CausalContext
{
    /// <summary>The header that carries the token in both directions.</summary>
    public const string HeaderName = "X-Causal-Context";

    private const string Prefix = "v1.";
    private const int MaxTokenLength = 4096;

    /// <summary>Encodes a clock as a token.</summary>
    public static string Encode(VectorClock clock) =>
        Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(clock));

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
            error = $"{HeaderName} is not a token issued by this cluster";
            return null;
        }

        try
        {
            var clock = JsonSerializer.Deserialize<VectorClock>(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
            if (clock is null)
            {
                error = $"{HeaderName} is malformed";
                return null;
            }

            if (clock.Nodes.FirstOrDefault(n => !members.Contains(n)) is { } unknown)
            {
                error = $"{HeaderName} names node '{unknown}', which is not in this cluster";
                return null;
            }

            return clock;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            error = $"{HeaderName} is malformed";
            return null;
        }
    }
}
