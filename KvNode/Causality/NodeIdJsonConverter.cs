using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Causality;

/// <summary>Reads a node id as its shared instance (<see cref="NodeIds"/>) instead of a new string per message.</summary>
public sealed class NodeIdJsonConverter : JsonConverter<string>
{
    /// <inheritdoc/>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? NodeIds.Read(ref reader) : reader.GetString();

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
