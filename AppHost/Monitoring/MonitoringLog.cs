using Microsoft.Extensions.Logging;

namespace GridAspire.AppHost.Monitoring;

/// <summary>The AppHost's log lines about its monitoring containers.</summary>
internal static partial class MonitoringLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Prometheus and Grafana run as containers on the host network via {Runtime}")]
    public static partial void ContainersAdded(ILogger logger, string runtime);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Starting without Prometheus and Grafana: {Reason}")]
    public static partial void ContainersSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Image {Image} is not on this machine: {Runtime} will try to pull it, and without a registry that container stays down (everything else runs without it)")]
    public static partial void ImageMissing(ILogger logger, string image, string runtime);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "{Runtime} did not finish removing earlier {Name} containers within {Limit}; starting {Name} anyway (a leftover may still hold its port)")]
    public static partial void LeftoversNotRemoved(ILogger logger, string runtime, string name, TimeSpan limit);
}
