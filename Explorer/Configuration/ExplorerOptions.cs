using System.ComponentModel.DataAnnotations;

namespace GridAspire.Explorer.Configuration;

/// <summary>Which KV nodes the explorer watches and how (section <c>Explorer</c>).</summary>
public sealed record ExplorerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Explorer";

    /// <summary>The KV nodes: id to base URL, e.g. <c>Explorer:Nodes:kv1 = http://127.0.0.1:7101</c>.</summary>
    [Required]
    [MinLength(1, ErrorMessage = "Explorer:Nodes must name at least one KV node, e.g. Explorer:Nodes:kv1=http://127.0.0.1:7101.")]
    public Dictionary<string, Uri> Nodes { get; init; } = [];

    /// <summary>
    /// The KV cluster key: the nodes' event streams and link controls demand it. It stays in this server; the browser
    /// never sees it, which is why the page talks to the nodes only through the explorer.
    /// </summary>
    [Required(ErrorMessage = "Explorer:ClusterKey is required (the KV nodes' Kv:ClusterKey).")]
    [MinLength(16, ErrorMessage = "Explorer:ClusterKey must be at least 16 characters.")]
    public string ClusterKey { get; init; } = "";

    /// <summary>Most events kept for the page (a reload redraws them) and the ShiViz export; the oldest go first.</summary>
    [Range(100, 1_000_000)]
    public int History { get; init; } = 20_000;

    /// <summary>How long a call to a node may take before the page is told it did not answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the explorer asks a node for the members, to add a lane for a node that joined and drop one that was removed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan MembershipRefresh { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait before watching a node again after its stream ended or failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
}
