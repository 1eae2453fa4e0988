using GridAspire.SharedStore.Configuration;
using GridAspire.SharedStore.Hosting;

namespace GridAspire.SharedStore;

/// <summary>Registers the shared store: Garnet in this process, and a health check that speaks to it.</summary>
public static class SharedStoreServiceExtensions
{
    /// <summary>Adds Garnet as a hosted service, its options (validated on start) and its health check.</summary>
    public static WebApplicationBuilder AddSharedStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.BindAndValidateOnStart<SharedStoreOptions, SharedStoreOptionsValidator>(SharedStoreOptions.SectionName);
        builder.Services.AddHostedService<GarnetHost>();
        builder.Services.AddSingleton<GarnetHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<GarnetHealthCheck>("garnet");
        return builder;
    }
}
