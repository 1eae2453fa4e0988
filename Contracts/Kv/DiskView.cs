namespace GridAspire.Contracts.Kv;

/// <summary>The injected disk fault, as the chaos endpoints report it.</summary>
/// <param name="Stalled">True while the journal writes nothing.</param>
public sealed record DiskView(bool Stalled);
