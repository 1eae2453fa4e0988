using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Causality;

/// <summary>Reads and writes a vector clock as a JSON object of counters: <c>{"kv1":3,"kv2":1}</c>.</summary>
public sealed class VectorClockJsonConverter : JsonConverter<VectorClock>
{
    /// <inheritdoc/>
    public override VectorClock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var entries = JsonSerializer.Deserialize<Dictionary<string, long>>(ref reader, options)
            ?? throw new JsonException("A vector clock must be a JSON object of counters.");
        if (entries.Any(e => e.Value < 0 || string.IsNullOrEmpty(e.Key)))
        {
            throw new JsonException("Vector clock counters must be non-negative and node ids non-empty.");
        }

        return VectorClock.From(entries);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, VectorClock value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (node, counter) in value.Entries)
        {
            writer.WriteNumber(node, counter);
        }

        writer.WriteEndObject();
    }
}
