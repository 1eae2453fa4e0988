namespace GridAspire.KvNode.Sessions;

/// <summary>
/// One request's view of the client's causal context: what the client had seen when it called, plus what
/// this request shows or writes. The response token is the merge of both.
/// </summary>
public sealed class CausalSession(VectorClock requested)
{
    /// <summary>The context to return: requested merged with every observed clock.</summary>
    public VectorClock Context { get; private set; } = requested;

    /// <summary>Adds the clock of a version the client now has seen or written.</summary>
    public void Observe(VectorClock clock) => Context = Context.Merge(clock);
}
