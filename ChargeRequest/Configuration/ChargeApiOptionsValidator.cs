using Microsoft.Extensions.Options;

namespace GridAspire.ChargeRequest.Configuration;

/// <summary>Validates <see cref="ChargeApiOptions"/> at start, naming the key of a bad value. Generated at compile time.</summary>
[OptionsValidator]
public sealed partial class ChargeApiOptionsValidator : IValidateOptions<ChargeApiOptions>;
