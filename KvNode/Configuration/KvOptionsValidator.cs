using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Configuration;

/// <summary>
/// Validates <see cref="KvOptions"/> and, through <see cref="ValidateObjectMembersAttribute"/>, its nested sections, at
/// start: a bad value stops the node with the key's name instead of being ignored. Generated at compile time.
/// </summary>
[OptionsValidator]
public sealed partial class KvOptionsValidator : IValidateOptions<KvOptions>;
