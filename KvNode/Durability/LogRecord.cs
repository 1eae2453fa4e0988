using System.Text.Json.Serialization;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// One entry of the write-ahead log: a write this node made or delivered, a peer's acknowledgement, or a step of a
/// rejoin after a lost disk (the rarely used fields are left out of the file when empty).
/// </summary>
/// <param name="Write">The write, own or delivered, in the order it was applied.</param>
/// <param name="Peer">For an acknowledgement: the peer.</param>
/// <param name="Acked">For an acknowledgement: the highest own sequence the peer has delivered.</param>
/// <param name="Incarnation">This node writes under this clock entry from here on (it rejoined after losing its disk).</param>
/// <param name="Announced">A peer that started empty writes under this clock entry; a new incarnation (<c>id.N</c>) also means what the lost one acknowledged is gone with its disk.</param>
/// <param name="Merged">Writes taken from a peer's state; applied together, only once the <paramref name="MergedClock"/> record follows.</param>
/// <param name="MergedClock">The peer's delivered clock that ends a state transfer: everything it covers is now delivered here.</param>
/// <param name="Removed">This member was removed from the cluster for good (here, or at a member that told this one).</param>
/// <param name="Joined">This member joined the cluster, serving at <paramref name="JoinedAt"/>.</param>
/// <param name="JoinedAt">Where the member that joined serves.</param>
/// <param name="JoinedMany">Members this node was told at once (the membership a new node gets when it joins), in one record:
/// a crash keeps all of them or none, and with none the node asks to join again.</param>
public sealed record LogRecord(
    ReplicatedWrite? Write = null,
    string? Peer = null,
    long? Acked = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Incarnation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Announced = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReplicatedWrite>? Merged = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VectorClock? MergedClock = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Removed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Joined = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Uri? JoinedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, Uri>? JoinedMany = null);
