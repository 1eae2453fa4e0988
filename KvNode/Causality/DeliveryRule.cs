namespace GridAspire.KvNode.Causality;

/// <summary>
/// The causal delivery rule. A write from origin j with clock V may be delivered at a node whose delivered
/// clock is L when it is the next write from j (<c>V[j] == L[j] + 1</c>) and everything the origin had seen
/// from other nodes is already delivered here (<c>V[k] &lt;= L[k]</c> for all k != j).
/// </summary>
public static class DeliveryRule
{
    /// <summary>True when the message can be delivered now.</summary>
    public static bool CanDeliver(ICausalMessage message, Func<string, long> delivered)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivered);
        if (message.Clock[message.Origin] != delivered(message.Origin) + 1)
        {
            return false;
        }

        foreach (var node in message.Clock.Nodes)
        {
            if (node != message.Origin && message.Clock[node] > delivered(node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the message was already delivered (<c>V[j] &lt;= L[j]</c>): acknowledge and drop it.</summary>
    public static bool IsDuplicate(ICausalMessage message, Func<string, long> delivered)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivered);
        return message.Clock[message.Origin] <= delivered(message.Origin);
    }

    /// <summary>
    /// What holds a message back: each entry of its clock that <paramref name="delivered"/> has not reached, with the
    /// counter it needs (<c>V[j] - 1</c> for the origin, <c>V[k]</c> for the others). Empty when it can be delivered.
    /// </summary>
    public static VectorClock Missing(ICausalMessage message, Func<string, long> delivered)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivered);
        var missing = new List<KeyValuePair<string, long>>();
        foreach (var node in message.Clock.Nodes)
        {
            var needed = node == message.Origin ? message.Clock[node] - 1 : message.Clock[node];
            if (delivered(node) < needed)
            {
                missing.Add(KeyValuePair.Create(node, needed));
            }
        }

        return VectorClock.From(missing);
    }
}
