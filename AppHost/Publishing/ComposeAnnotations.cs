namespace GridAspire.AppHost.Publishing;

/// <summary>Runs the resource as <paramref name="Replicas"/> identical compose replicas (<c>deploy.replicas</c>).</summary>
internal sealed record ComposeReplicasAnnotation(int Replicas) : IResourceAnnotation;

/// <summary>Mounts the named volume <paramref name="Volume"/> at <paramref name="Target"/> in the compose service.</summary>
internal sealed record ComposeVolumeAnnotation(string Volume, string Target) : IResourceAnnotation;

/// <summary>Starts the compose service only with <c>--profile <paramref name="Profile"/></c>.</summary>
internal sealed record ComposeProfileAnnotation(string Profile) : IResourceAnnotation;
