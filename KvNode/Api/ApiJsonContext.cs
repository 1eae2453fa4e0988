using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Api;

/// <summary>Source-generated JSON for the public key-value API, the hottest path of a node.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KvItem))]
[JsonSerializable(typeof(KvWriteRequest))]
[JsonSerializable(typeof(KvBatchReadRequest))]
[JsonSerializable(typeof(KvBatchReadResult))]
[JsonSerializable(typeof(KvBatchWriteRequest))]
[JsonSerializable(typeof(KvBatchWriteResult))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
