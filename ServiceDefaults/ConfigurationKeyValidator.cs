using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Runs a compile-time generated options validator and names every failure by the configuration key an operator sets
/// (<c>Kv:Durability:SnapshotEvery</c>) instead of the .NET type path (<c>KvOptions.Durability.SnapshotEvery</c>).
/// The generator builds each member's display name from the name it is given, so it is given the section; the dots of
/// that path then become the colons of configuration keys. (The generator also ignores a <c>[Range]</c>'s own
/// <c>ErrorMessage</c>, dotnet/runtime#123137, so the key has to come from the path.)
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <param name="generated">The generated validator.</param>
/// <param name="section">The configuration section the options are bound from.</param>
public sealed class ConfigurationKeyValidator<TOptions>(IValidateOptions<TOptions> generated, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly Regex _path = new($@"\b{Regex.Escape(section)}(\.[A-Za-z_][A-Za-z0-9_]*)+", RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = generated.Validate(section, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures.Select(f => _path.Replace(f, m => m.Value.Replace('.', ':'))))
            : result;
    }
}
