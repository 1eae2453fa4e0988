namespace GridAspire.Explorer.Collection;

/// <summary>Source-generated log messages of the explorer.</summary>
internal static partial class ExplorerLog
{
    [LoggerMessage(1, LogLevel.Information, "Watching {Node}'s events at {Address}")]
    public static partial void Watching(ILogger logger, string node, Uri address);

    [LoggerMessage(2, LogLevel.Warning, "Cannot watch {Node}'s events ({Problem}); trying again every {Delay}")]
    public static partial void NotWatching(ILogger logger, string node, string problem, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Information, "{Node} joined the cluster (as {Source} says): watching it at {Address}, a new lane")]
    public static partial void LaneAdded(ILogger logger, string node, Uri address, string source);

    [LoggerMessage(4, LogLevel.Information, "{Node} is no longer a member (as {Source} says): its lane is dropped")]
    public static partial void LaneRemoved(ILogger logger, string node, string source);
}
