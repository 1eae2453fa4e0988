using System.ComponentModel.DataAnnotations;

namespace GridAspire.Substation.Configuration;

/// <summary>One substation (section <c>Substation</c>).</summary>
public sealed record SubstationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Substation";

    /// <summary>
    /// The substation's id, used in metrics labels and session ids. Defaults to the host name, so replicas started
    /// from one definition (compose <c>deploy.replicas</c>) still differ.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", ErrorMessage = "Substation:Id must be 1-64 of [A-Za-z0-9_.-].")]
    public string Id { get; init; } = Environment.MachineName;

    /// <summary>Power the substation can deliver at once, in kW.</summary>
    [Range(1, 100_000)]
    public double CapacityKw { get; init; } = 300;

    /// <summary>
    /// <c>Shared</c> (the default: admission by minimum, the capacity shared among the vehicles) or <c>Fixed</c> (full
    /// power or 503, kept for comparison).
    /// </summary>
    public AllocationMode Allocation { get; init; } = AllocationMode.Shared;

    /// <summary>
    /// In <c>Shared</c> mode, the minimum a session is promised when its request names none (capped at its <c>maxKw</c>).
    /// AC charging cannot go below 6 A: about 4.1 kW on three phases, 1.4 kW on one.
    /// </summary>
    [Range(0.1, 1_000)]
    public double DefaultMinKw { get; init; } = 4.1;

    /// <summary>
    /// Bearer key of <c>PUT /admin/allocation</c>, which switches the allocation mode while no vehicle charges (for the
    /// load tester's comparison of the two). Unset: the endpoint is closed.
    /// </summary>
    [MinLength(16, ErrorMessage = "Substation:AdminKey must be at least 16 characters.")]
    public string? AdminKey { get; init; }

    /// <summary>Ended sessions kept for <c>GET /sessions/{id}</c>, oldest forgotten first.</summary>
    [Range(0, 1_000_000)]
    public int EndedSessionsKept { get; init; } = 10_000;
}
