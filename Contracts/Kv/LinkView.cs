namespace GridAspire.Contracts.Kv;

/// <summary>A link's injected faults.</summary>
/// <param name="Peer">The peer the link goes to.</param>
/// <param name="Held">True while everything for the peer is queued.</param>
/// <param name="Faults">Delay, jitter, drop and reorder settings.</param>
public sealed record LinkView(string Peer, bool Held, LinkFaultSettings Faults);
