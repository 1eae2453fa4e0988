using GridAspire.ChargeRequest.Api;
using GridAspire.ChargeRequest.Configuration;
using GridAspire.ChargeRequest.Charging;
using GridAspire.ChargeRequest.Diagnostics;
using GridAspire.ChargeRequest.Idempotency;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridAspire.ChargeRequest;

/// <summary>Registers and maps the charging API.</summary>
public static class ChargeRequestServiceExtensions
{
    /// <summary>Adds the balancer client, idempotency and metrics.</summary>
    public static WebApplicationBuilder AddChargeRequest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.BindAndValidateOnStart<ChargeApiOptions, ChargeApiOptionsValidator>(ChargeApiOptions.SectionName);
        builder.AddIdempotencyStore();
        builder.Services.AddHealthChecks().AddCheck<IdempotencyStoreHealthCheck>(IdempotencyStoreHealthCheck.Name);

        // The health service logs a Degraded check at Warning on every probe; a store that is down is already logged
        // by the requests it fails.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Error);
        builder.Services.AddSingleton<ChargeMetrics>();
        builder.Services.AddOpenApi();

        // The balancer retries across substations itself, and 503 "grid full" is an answer, not a fault: a
        // circuit breaker counting it would cut the API off from the grid exactly at rush hour.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented opt-out.
        builder.Services.AddSingleton<BalancerReplicas>();
        builder.Services.AddSingleton<BalancerReplicaHealth>();
        builder.Services.AddHttpClient<BalancerClient>((services, http) =>
        {
            http.Timeout = services.GetRequiredService<IOptions<ChargeApiOptions>>().Value.BalancerTimeout;
        })

        // A balancer host that is gone (black-holed, not refusing) costs a second before the next replica is tried.
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
        .RemoveAllResilienceHandlers()

        // BalancerReplicas resolves the replicas itself and each attempt names one: resolving its host again would send
        // it to whichever replica comes next (compose and Kubernetes name a replica by the service's own name). The
        // handler the service defaults add to every client is internal, hence its name (BalancerReplicaFailoverTests checks it).
        .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            for (var i = handlers.Count - 1; i >= 0; i--)
            {
                if (handlers[i].GetType().Name == "ResolvingHttpDelegatingHandler")
                {
                    handlers.RemoveAt(i);
                }
            }
        });
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary>Maps <c>/api/charge</c> and the OpenAPI document.</summary>
    public static WebApplication MapChargeRequest(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapChargeApi();
        return app;
    }

    /// <summary>
    /// The shared store when <c>ConnectionStrings:idempotency</c> names one (several API replicas must share their keys),
    /// else this process's memory. The connection string is StackExchange.Redis's (<c>host:port,password=...</c>); every
    /// call is bounded by a second, and the store may be down at start (requests with a key then get 503).
    /// </summary>
    private static void AddIdempotencyStore(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<IIdempotencyStore>(services =>
        {
            // Read when first needed, not while registering: configuration added by a host (or a test) is complete then.
            if (services.GetRequiredService<IConfiguration>().GetConnectionString(SharedIdempotencyStore.ConnectionName) is not { Length: > 0 } connection)
            {
                return ActivatorUtilities.CreateInstance<MemoryIdempotencyStore>(services);
            }

            var store = ConfigurationOptions.Parse(connection);
            store.AbortOnConnectFail = false;
            store.ConnectTimeout = store.AsyncTimeout = store.SyncTimeout = 1000;
            store.ClientName = "chargerequest";
            return ActivatorUtilities.CreateInstance<SharedIdempotencyStore>(services, ConnectionMultiplexer.Connect(store));
        });
}
