namespace GridAspire.AppHost.Topology;

/// <summary>The shared store the charging APIs keep their Idempotency-Keys in: Garnet, hosted by the SharedStore project.</summary>
internal static class SharedStoreExtensions
{
    /// <summary>The store's Redis-protocol port on the host.</summary>
    public const int StorePort = 6380;

    /// <summary>
    /// Adds the store, with its password (a secret parameter) and a health check that PINGs Garnet. In a container
    /// (<paramref name="publishing"/>) Garnet listens on every interface of it, for the APIs in other containers.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddSharedStore(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> password, bool publishing)
    {
        // Locally the orchestrator's proxy listens on the port and Garnet behind it on one it picks; in a container Garnet
        // listens on the port itself (declared as the target port, which the compose publisher keeps).
        var store = builder.AddProject<Projects.SharedStore>("sharedstore", launchProfileName: null)
            .WithHttpEndpoint(name: "http")
            .WithEndpoint(name: "redis", scheme: "tcp", port: StorePort, targetPort: publishing ? StorePort : null, env: "SharedStore__Port")
            .WithEnvironment("SharedStore__Password", password)
            .WithHttpHealthCheck("/health");
        return publishing ? store.WithEnvironment("SharedStore__Bind", "0.0.0.0") : store;
    }

    /// <summary>Points the charging API at the store (<c>ConnectionStrings:idempotency</c>) and starts it once the store is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithSharedIdempotencyStore(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> store, IResourceBuilder<ParameterResource> password)
    {
        var endpoint = store.GetEndpoint("redis");
        return api
            .WithEnvironment("ConnectionStrings__idempotency", ReferenceExpression.Create(
                $"{endpoint.Property(EndpointProperty.HostAndPort)},password={password.Resource}"))
            .WaitFor(store);
    }
}
