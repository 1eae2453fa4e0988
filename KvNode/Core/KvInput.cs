using System.Text;

namespace GridAspire.KvNode.Core;

/// <summary>Limits on keys and values, shared by the client API and replication.</summary>
public static class KvInput
{
    /// <summary>Longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 256;

    /// <summary>Largest value, in UTF-8 bytes.</summary>
    public const int MaxValueBytes = 1024 * 1024;

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
}
