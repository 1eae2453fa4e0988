namespace GridAspire.KvClient.Cli;

/// <summary>Where the client looks when told nothing: the AppHost's fixed KV ports and its local cluster key.</summary>
public static class Defaults
{
    /// <summary>Node used by put/get/delete/status.</summary>
    public const string Node = "http://localhost:7101";

    /// <summary>The three nodes of the scenario.</summary>
    public const string Nodes = "kv1=http://localhost:7101,kv2=http://localhost:7102,kv3=http://localhost:7103";

    /// <summary>The AppHost's local-development cluster key (see AppHost/appsettings.json).</summary>
    public const string ClusterKey = "local-dev-cluster-key-change-me";

    /// <summary>File that keeps the session's causal token between invocations.</summary>
    public static string SessionFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kvclient-session");
}
