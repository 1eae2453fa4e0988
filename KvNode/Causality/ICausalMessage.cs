namespace GridAspire.KvNode.Causality;

/// <summary>A message that one node broadcast with the vector clock of its send event.</summary>
public interface ICausalMessage
{
    /// <summary>The node that made the write.</summary>
    string Origin { get; }

    /// <summary>The origin's clock right after the write: <c>Clock[Origin]</c> is the write's sequence number.</summary>
    VectorClock Clock { get; }
}
