using System.Text;

namespace GridAspire.KvNode.Core;

/// <summary>Limits on keys and values, shared by the client API and replication.</summary>
public static class KvInput
{
    /// <summary>Longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 256;

    /// <summary>Largest value, in UTF-8 bytes.</summary>
    public const int MaxValueBytes = 1024 * 1024;

    /// <summary>Most keys one batch may name.</summary>
    public const int MaxBatchKeys = 100;

    /// <summary>Most bytes of values one batch may carry, in UTF-8.</summary>
    public const int MaxBatchValueBytes = 8 * MaxValueBytes;

    /// <summary>Null when the key is acceptable, otherwise why not.</summary>
    public static string? ValidateKey(string? key) =>
        string.IsNullOrEmpty(key) ? "the key must not be empty"
        : Encoding.UTF8.GetByteCount(key) > MaxKeyBytes ? $"the key is longer than {MaxKeyBytes} bytes"
        : null;

    /// <summary>Null when the value is acceptable, otherwise why not.</summary>
    public static string? ValidateValue(string? value) =>
        value is null ? "'value' is required"
        : Encoding.UTF8.GetByteCount(value) > MaxValueBytes ? $"the value is larger than {MaxValueBytes} bytes (1 MiB)"
        : null;

    /// <summary>Null when the keys of a batch are acceptable (at least one, none twice, each valid), otherwise why not.</summary>
    public static string? ValidateKeys(IReadOnlyList<string>? keys)
    {
        if (keys is null || keys.Count == 0)
        {
            return "'keys' must list at least one key";
        }

        if (keys.Count > MaxBatchKeys)
        {
            return $"a batch may name at most {MaxBatchKeys} keys; this one names {keys.Count}";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (ValidateKey(key) is { } error)
            {
                return $"{error} (in 'keys')";
            }

            if (!seen.Add(key))
            {
                return $"the key '{key}' is listed twice";
            }
        }

        return null;
    }
}
