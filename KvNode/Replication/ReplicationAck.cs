using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// The receiver's answer, once what it delivered is on disk: its delivered clock. <c>Delivered[sender]</c> is the
/// sender's resume point. A stream's first frame is one too (what the receiver has before anything is sent).
/// </summary>
/// <param name="Node">The receiving node.</param>
/// <param name="Delivered">The receiver's delivered clock.</param>
/// <param name="Refused">Writes turned away because the receiver's delivery buffer was full: the sender sends them again later.</param>
/// <param name="Refusal">Why the receiver will take nothing more on this stream (an invalid batch, a failed disk); it then closes it.</param>
/// <param name="Removed">The members the receiver knows were removed (null: none); the sender takes them.</param>
/// <param name="Joined">The members the receiver knows joined after the configured ones (null: none); the sender takes them.</param>
public sealed record ReplicationAck(
    string Node,
    VectorClock Delivered,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Refused = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Refusal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Removed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, Uri>? Joined = null);
