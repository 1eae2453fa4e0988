using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Start-up validation of bound options.</summary>
public static class OptionsBuilderExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it at start with the generated
    /// <typeparamref name="TValidator"/> (nested sections too, through <c>[ValidateObjectMembers]</c>): a bad value
    /// stops the service with the key's name.
    /// </summary>
    public static OptionsBuilder<TOptions> BindAndValidateOnStart<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(new TValidator(), section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
