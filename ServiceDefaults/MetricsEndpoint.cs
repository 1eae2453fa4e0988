namespace Microsoft.Extensions.Hosting;

/// <summary>Where every service serves its metrics to Prometheus.</summary>
public static class MetricsEndpoint
{
    /// <summary>The path of the scrape endpoint.</summary>
    public const string Path = "/metrics";
}
