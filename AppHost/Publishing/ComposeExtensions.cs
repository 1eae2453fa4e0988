namespace GridAspire.AppHost.Publishing;

/// <summary>Compose-only shape of a resource; ignored when the AppHost runs locally.</summary>
internal static class ComposeExtensions
{
    public static IResourceBuilder<T> AsComposeReplicas<T>(this IResourceBuilder<T> builder, int replicas)
        where T : IResource => builder.WithAnnotation(new ComposeReplicasAnnotation(replicas));

    public static IResourceBuilder<T> WithComposeVolume<T>(this IResourceBuilder<T> builder, string volume, string target)
        where T : IResource => builder.WithAnnotation(new ComposeVolumeAnnotation(volume, target));

    public static IResourceBuilder<T> WithComposeProfile<T>(this IResourceBuilder<T> builder, string profile)
        where T : IResource => builder.WithAnnotation(new ComposeProfileAnnotation(profile));
}
