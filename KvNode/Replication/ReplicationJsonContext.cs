using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Replication;

/// <summary>Source-generated JSON for the messages between nodes: no reflection on the replication path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReplicationBatch))]
[JsonSerializable(typeof(ReplicationAck))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(StateRequest))]
[JsonSerializable(typeof(StateTransfer))]
[JsonSerializable(typeof(IncarnationNotice))]
[JsonSerializable(typeof(MembershipNotice))]
[JsonSerializable(typeof(JoinRequest))]
[JsonSerializable(typeof(JoinAnswer))]
public sealed partial class ReplicationJsonContext : JsonSerializerContext;
