using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.Explorer.Collection;

/// <summary>Source-generated JSON of the events, read from the nodes and written to the page.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ObservedEvent))]
[JsonSerializable(typeof(IReadOnlyList<NodeConnection>))]
public sealed partial class ExplorerJsonContext : JsonSerializerContext;
