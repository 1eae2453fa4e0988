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

    /// <summary>Ended sessions kept for <c>GET /sessions/{id}</c>, oldest forgotten first.</summary>
    [Range(0, 1_000_000)]
    public int EndedSessionsKept { get; init; } = 10_000;
}
