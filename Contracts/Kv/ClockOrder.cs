namespace GridAspire.Contracts.Kv;

/// <summary>How two vector clocks relate under happens-before.</summary>
public enum ClockOrder
{
    /// <summary>Identical clocks: the same causal past.</summary>
    Equal,

    /// <summary>The left clock happened before the right one.</summary>
    Before,

    /// <summary>The left clock happened after the right one.</summary>
    After,

    /// <summary>Neither happened before the other.</summary>
    Concurrent,
}
