namespace GridAspire.Explorer.Api;

/// <summary>Body of a write from the page.</summary>
/// <param name="Value">The value to write.</param>
public sealed record ValueRequest(string Value);
