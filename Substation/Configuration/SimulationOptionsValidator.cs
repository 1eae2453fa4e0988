using Microsoft.Extensions.Options;

namespace GridAspire.Substation.Configuration;

/// <summary>Validates <see cref="SimulationOptions"/> at start, naming the key of a bad value. Generated at compile time.</summary>
[OptionsValidator]
public sealed partial class SimulationOptionsValidator : IValidateOptions<SimulationOptions>;
