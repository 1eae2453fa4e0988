namespace GridAspire.AppHost.Publishing;

/// <summary>
/// Reads the AppHost's app model (resources, their environment, endpoints, mounts and WaitFor relations) in
/// publish mode and describes it as compose services. Projects are built from the repository's one Dockerfile, with the
/// project's folder as its <c>PROJECT</c> build argument.
/// </summary>
internal static class ComposeModel
{
    // Added by Aspire for local orchestration; in compose the images' own settings apply (port 8080, no OTLP collector).
    private static readonly string[] DroppedVariables = ["HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];

    public static async Task<IReadOnlyList<ComposeService>> ReadAsync(DistributedApplicationModel model, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(model);
        var services = new List<ComposeService>();
        var declaredPorts = model.Resources
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>().Where(e => e.UriScheme != "http" && e.TargetPort is not null)
                .Select(e => KeyValuePair.Create($"{r.Name}.{e.Name}", e.TargetPort!.Value)))
            .ToDictionary();
        foreach (var resource in model.Resources)
        {
            var service = resource switch
            {
                ProjectResource project => FromProject(project, repositoryRoot),
                ContainerResource container => FromContainer(container, repositoryRoot),
                _ => null,
            };
            if (service is null)
            {
                continue;
            }

            services.Add(service with
            {
                Environment = await EnvironmentAsync(resource, declaredPorts),
                DependsOn = DependsOn(resource),
                Replicas = resource.Annotations.OfType<ComposeReplicasAnnotation>().SingleOrDefault()?.Replicas,
                Profile = resource.Annotations.OfType<ComposeProfileAnnotation>().SingleOrDefault()?.Profile,
                Ports = Ports(resource),
                Volumes = [.. service.Volumes, .. resource.Annotations.OfType<ComposeVolumeAnnotation>().Select(v => $"{v.Volume}:{v.Target}")],
            });
        }

        return services;
    }

    private static ComposeService FromProject(ProjectResource project, string repositoryRoot)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath))!;
        return new ComposeService(project.Name)
        {
            Image = $"gridaspire/{folder.ToLowerInvariant()}:latest",
            Dockerfile = Path.GetRelativePath(repositoryRoot, Path.Combine(repositoryRoot, "Dockerfile")).Replace('\\', '/'),
            BuildArgs = [KeyValuePair.Create("PROJECT", folder)],

            // Nothing listening, nothing to check: a batch job such as the load tester.
            HealthcheckDisabled = !project.Annotations.OfType<EndpointAnnotation>().Any(),
            Command = Arguments(project),
        };
    }

    private static ComposeService FromContainer(ContainerResource container, string repositoryRoot)
    {
        var image = container.Annotations.OfType<ContainerImageAnnotation>().Single();
        var mounts = container.Annotations.OfType<ContainerMountAnnotation>()
            .Select(m => $"./{Path.GetRelativePath(repositoryRoot, m.Source!).Replace('\\', '/')}:{m.Target}{(m.IsReadOnly ? ":ro" : "")}")
            .ToList();
        return new ComposeService(container.Name) { Image = $"{image.Image}:{image.Tag}", Command = Arguments(container), Volumes = mounts };
    }

    private static List<string> Arguments(IResource resource) =>
        resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>()
            .SelectMany(a =>
            {
                var context = new CommandLineArgsCallbackContext([]);
                a.Callback(context).GetAwaiter().GetResult();
                return context.Args.Select(arg => ComposeValues.Translate(arg.ToString()!));
            })
            .ToList();

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> EnvironmentAsync(IResource resource, IReadOnlyDictionary<string, int> declaredPorts)
    {
        if (resource is not IResourceWithEnvironment withEnvironment)
        {
            return [];
        }

        // Marked obsolete in favour of an execution-configuration API; this call still evaluates exactly what
        // publish mode would hand a deployment target, which is all a compose file needs.
#pragma warning disable CS0618
        var values = await withEnvironment.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
        return values
            .Where(v => !DroppedVariables.Contains(v.Key) && !v.Key.StartsWith("OTEL_", StringComparison.Ordinal))
            .Select(v => KeyValuePair.Create(v.Key, ComposeValues.Translate(v.Value, declaredPorts)))
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static List<KeyValuePair<string, string>> DependsOn(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>()
            .Select(w => KeyValuePair.Create(
                w.Resource.Name,
                w.Resource is ProjectResource ? "service_healthy" : "service_started"))
            .Distinct()
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();

    private static List<string> Ports(IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.IsExternal)
            .Select(e =>
            {
                var inside = resource is ProjectResource ? ComposeValues.ContainerPort : e.TargetPort ?? ComposeValues.ContainerPort;
                // Published on loopback only: the stack is for this machine; put a proxy in front to expose it.
                return $"127.0.0.1:{e.Port ?? inside}:{inside}";
            })
            .ToList();
}
