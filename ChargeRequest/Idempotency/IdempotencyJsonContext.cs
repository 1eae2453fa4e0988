using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>Source-generated JSON of the records kept in the shared store.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IdempotencyRecord))]
internal sealed partial class IdempotencyJsonContext : JsonSerializerContext;
