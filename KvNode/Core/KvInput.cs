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

    /// <summary>
    /// The changes of a multi-key write (puts, then deletes, each key once), or why they are not acceptable: at least
    /// one key, at most <see cref="MaxBatchKeys"/>, no key both put and deleted, every key and value valid, and at most
    /// <see cref="MaxBatchValueBytes"/> of values.
    /// </summary>
    public static (IReadOnlyList<KeyChange>? Changes, string? Error) ValidateChanges(
        IReadOnlyDictionary<string, string?>? put, IReadOnlyList<string>? delete)
    {
        var count = (put?.Count ?? 0) + (delete?.Count ?? 0);
        if (count == 0)
        {
            return (null, "'put' and 'delete' must name at least one key between them");
        }

        if (count > MaxBatchKeys)
        {
            return (null, $"a batch may name at most {MaxBatchKeys} keys; this one names {count}");
        }

        var changes = new List<KeyChange>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        foreach (var (key, value) in put ?? new Dictionary<string, string?>())
        {
            if ((ValidateKey(key) ?? ValidateValue(value)) is { } error)
            {
                return (null, $"{error} (in 'put', key '{key}')");
            }

            seen.Add(key);
            bytes += Encoding.UTF8.GetByteCount(value!);
            changes.Add(new KeyChange(key, value));
        }

        if (bytes > MaxBatchValueBytes)
        {
            return (null, $"the values total {bytes} bytes, more than the {MaxBatchValueBytes} bytes one batch may carry");
        }

        foreach (var key in delete ?? [])
        {
            if (ValidateKey(key) is { } error)
            {
                return (null, $"{error} (in 'delete')");
            }

            if (!seen.Add(key))
            {
                return (null, $"the key '{key}' is named twice (put and delete, or deleted twice)");
            }

            changes.Add(new KeyChange(key, null));
        }

        return (changes, null);
    }
}
