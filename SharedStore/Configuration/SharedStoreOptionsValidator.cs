using Microsoft.Extensions.Options;

namespace GridAspire.SharedStore.Configuration;

/// <summary>Validates <see cref="SharedStoreOptions"/> at start, naming the key of a bad value. Generated at compile time.</summary>
[OptionsValidator]
public sealed partial class SharedStoreOptionsValidator : IValidateOptions<SharedStoreOptions>;
