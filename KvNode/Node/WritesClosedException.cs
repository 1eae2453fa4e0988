namespace GridAspire.KvNode.Node;

/// <summary>
/// A client's write reached the node after it closed for good (it left or was removed), past the gate every request
/// checks first: it is refused, not accepted by a node whose writes nobody would receive.
/// </summary>
public sealed class WritesClosedException(string reason) : InvalidOperationException(reason);
