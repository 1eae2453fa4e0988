namespace GridAspire.SharedStore.Hosting;

/// <summary>Source-generated log messages of the shared store.</summary>
internal static partial class SharedStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Garnet listens on {Bind}:{Port} (Redis protocol, password required)")]
    public static partial void Listening(ILogger logger, string bind, int port);
}
