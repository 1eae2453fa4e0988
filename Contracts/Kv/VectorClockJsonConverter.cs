using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.Contracts.Kv;

/// <summary>Reads and writes a vector clock as a JSON object of counters: <c>{"kv1":3,"kv2":1}</c>.</summary>
public sealed class VectorClockJsonConverter : JsonConverter<VectorClock>
{
    /// <inheritdoc/>
    public override VectorClock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A vector clock must be a JSON object of counters.");
        }

        var nodes = new List<string>(4);
        var counters = new List<long>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var node = NodeIds.Read(ref reader);
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var counter))
            {
                throw new JsonException("A vector clock's counters must be whole numbers.");
            }

            if (string.IsNullOrEmpty(node) || counter < 0)
            {
                throw new JsonException("Vector clock counters must be non-negative and node ids non-empty.");
            }

            nodes.Add(node);
            counters.Add(counter);
        }

        return VectorClock.From(nodes, counters);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, VectorClock value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        for (var i = 0; i < value.Count; i++)
        {
            writer.WriteNumber(value.NodeAt(i), value.CounterAt(i));
        }

        writer.WriteEndObject();
    }
}
