namespace GridAspire.Explorer.Collection;

/// <summary>Whether the explorer is receiving a node's events, and if not, why.</summary>
/// <param name="Node">The node's id.</param>
/// <param name="Address">Its base URL.</param>
/// <param name="Connected">True while its event stream is open.</param>
/// <param name="Problem">Why it is not, when it is not.</param>
public sealed record NodeConnection(string Node, Uri Address, bool Connected, string? Problem);
