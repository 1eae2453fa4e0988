namespace GridAspire.Explorer.Nodes;

/// <summary>A KV node did not answer the explorer's call (down, or slower than the timeout).</summary>
public sealed class NodeUnavailableException(string node, string reason) : Exception($"{node} {reason}")
{
    /// <summary>The node called.</summary>
    public string Node { get; } = node;
}
