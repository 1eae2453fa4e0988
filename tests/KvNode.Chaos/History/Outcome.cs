namespace GridAspire.KvNode.Chaos.History;

/// <summary>How an operation ended, in Jepsen's terms.</summary>
public enum Outcome
{
    /// <summary>The node answered with success: the operation happened.</summary>
    Ok,

    /// <summary>The operation certainly did not happen (refused with 4xx/503, or the connection was refused).</summary>
    Fail,

    /// <summary>Unknown: the node may have applied it before the answer was lost (timeout, reset, kill -9).</summary>
    Info,
}
