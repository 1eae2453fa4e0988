using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Events;

/// <summary>Source-generated JSON for <c>GET /events</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeEvent))]
public sealed partial class EventsJsonContext : JsonSerializerContext;
