namespace GridAspire.Substation.Api;

/// <summary>Body of <c>PUT /admin/allocation</c> and its answer.</summary>
/// <param name="Allocation"><c>Fixed</c> or <c>Shared</c>.</param>
public sealed record AllocationRequest(string? Allocation);
