using System.ComponentModel.DataAnnotations;

namespace GridAspire.Substation.Configuration;

/// <summary>Simulation clock (section <c>Simulation</c>).</summary>
public sealed record SimulationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulation";

    /// <summary>Simulated seconds per real second: 600 makes an hour of charging last 6 s.</summary>
    [Range(0.001, 100_000)]
    public double Speed { get; init; } = 1;
}
