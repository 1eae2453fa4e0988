using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Configuration;

/// <summary>Validates <see cref="ExplorerOptions"/> at start, naming the key of a bad value. Generated at compile time.</summary>
[OptionsValidator]
public sealed partial class ExplorerOptionsValidator : IValidateOptions<ExplorerOptions>;
