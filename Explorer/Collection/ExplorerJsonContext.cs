using System.Text.Json;
using System.Text.Json.Serialization;
using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Api;

namespace GridAspire.Explorer.Collection;

/// <summary>Source-generated JSON of what the explorer reads from the nodes and writes to the page.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeEvent))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(KvItem))]
[JsonSerializable(typeof(KvBatchReadResult))]
[JsonSerializable(typeof(KvBatchWriteResult))]
[JsonSerializable(typeof(ScenarioView))]
[JsonSerializable(typeof(IReadOnlyList<NodeConnection>))]
[JsonSerializable(typeof(MemberListing))]
public sealed partial class ExplorerJsonContext : JsonSerializerContext;
