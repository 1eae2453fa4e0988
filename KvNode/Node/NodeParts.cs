using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Node;

/// <summary>
/// The parts of a node's state, handed to code that runs under the node's lock (<see cref="CausalNode.Change{T}"/>):
/// each part owns its fields; whoever holds these holds the lock.
/// </summary>
/// <param name="Replica">The delivered state: clock, buffer, store, tombstones, peers' clocks.</param>
/// <param name="OwnWrites">This node's writes some peer may still need.</param>
/// <param name="Acks">How far each peer has delivered them.</param>
/// <param name="Incarnations">Which incarnation this node writes as, and what it knows of everyone's.</param>
/// <param name="Capture">Lends the store, frozen, to a snapshot or a state transfer.</param>
/// <param name="Journal">The write-ahead log: append only, never wait, under the lock.</param>
/// <param name="Peers">Every other member.</param>
internal readonly record struct NodeParts(
    Replica Replica,
    OwnWriteLog OwnWrites,
    PeerAcknowledgements Acks,
    IncarnationState Incarnations,
    StoreCapture Capture,
    INodeJournal Journal,
    IReadOnlyList<string> Peers);
