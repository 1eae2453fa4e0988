using Microsoft.Extensions.Options;

namespace GridAspire.Substation.Configuration;

/// <summary>Validates <see cref="SubstationOptions"/> at start, naming the key of a bad value. Generated at compile time.</summary>
[OptionsValidator]
public sealed partial class SubstationOptionsValidator : IValidateOptions<SubstationOptions>;
