using GridAspire.Contracts.Kv;

namespace GridAspire.Explorer.Collection;

/// <summary>One node's event as the explorer keeps it: the event, and its place in the order the explorer received all nodes' events.</summary>
/// <param name="Order">Position in the order the explorer received events, across all nodes, from 1 (the page's stream id).</param>
/// <param name="Event">The node's event, with <see cref="NodeEvent.Node"/> set to the node it came from.</param>
public sealed record LoggedEvent(long Order, NodeEvent Event);
