namespace GridAspire.AppHost.Publishing;

/// <summary>One service of the compose file, as plain data.</summary>
internal sealed record ComposeService(string Name)
{
    public string? Image { get; init; }

    public string? Dockerfile { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = [];

    public bool HealthcheckDisabled { get; init; }

    public IReadOnlyList<string> Command { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public IReadOnlyList<string> Ports { get; init; } = [];

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> DependsOn { get; init; } = [];

    public int? Replicas { get; init; }

    public string? Profile { get; init; }
}
