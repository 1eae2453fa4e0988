using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Configuration;

/// <summary>Validates <see cref="BalancerOptions"/> at start, naming the key of a bad value. Generated at compile time.</summary>
[OptionsValidator]
public sealed partial class BalancerOptionsValidator : IValidateOptions<BalancerOptions>;
