using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Replication;

/// <summary>One <see cref="PeerLink"/> per configured peer.</summary>
public sealed class PeerLinks
{
    /// <summary>Name of the HttpClient of the requests to peers besides the streams (status, state, incarnation).</summary>
    public const string HttpClientName = "replication";

    /// <summary>Creates the links of the configured peers.</summary>
    public PeerLinks(
        IOptions<KvOptions> options,
        IReplicationSource node,
        PeerConnector connector,
        TimeProvider time,
        NodeEventFeed events,
        KvMetrics metrics,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var kv = options.Value;
        All = kv.OtherPeers.ToDictionary(
            p => p.Key,
            p => new PeerLink(
                p.Key, p.Value, node, connector, kv.Replication, time,
                new LinkReporter(p.Key, node, events, metrics, loggers.CreateLogger($"{typeof(PeerLink).FullName}.{p.Key}"))),
            StringComparer.Ordinal);
    }

    /// <summary>Links by peer id.</summary>
    public IReadOnlyDictionary<string, PeerLink> All { get; }
}
