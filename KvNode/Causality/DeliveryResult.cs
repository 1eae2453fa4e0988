namespace GridAspire.KvNode.Causality;

/// <summary>What happened to a received message.</summary>
public enum DeliveryStatus
{
    /// <summary>Delivered, possibly together with buffered messages it unblocked.</summary>
    Delivered,

    /// <summary>Held until its causal past arrives.</summary>
    Buffered,

    /// <summary>Already delivered earlier; acknowledged and dropped.</summary>
    Duplicate,

    /// <summary>A re-sent copy of a write that is already buffered; it replaces the held copy.</summary>
    AlreadyBuffered,
}

/// <summary>The outcome of <see cref="DeliveryBuffer{TMessage}.Receive"/>.</summary>
/// <param name="Status">What happened to the received message.</param>
/// <param name="Delivered">Every message delivered by this call, in causal order.</param>
public sealed record DeliveryResult<TMessage>(DeliveryStatus Status, IReadOnlyList<TMessage> Delivered)
{
    internal static DeliveryResult<TMessage> Buffered { get; } = new(DeliveryStatus.Buffered, []);

    internal static DeliveryResult<TMessage> Duplicate { get; } = new(DeliveryStatus.Duplicate, []);

    internal static DeliveryResult<TMessage> AlreadyBuffered { get; } = new(DeliveryStatus.AlreadyBuffered, []);
}
