using GridAspire.KvNode.Api;
using GridAspire.KvNode.Chaos;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Events;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode;

/// <summary>Registers and maps the KV node.</summary>
public static class KvNodeServiceExtensions
{
    /// <summary>Adds options (validated on start), the causal node and replication.</summary>
    public static WebApplicationBuilder AddKvNode(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.BindAndValidateOnStart<KvOptions, KvOptionsValidator>(KvOptions.SectionName)
            .Validate(o => o.Peers.Values.All(u => u.IsAbsoluteUri), "Kv:Peers values must be absolute URLs.")
            .Validate(o => o.Join is null || (o.Join.IsAbsoluteUri && o.AdvertisedUrl is { IsAbsoluteUri: true }),
                "Kv:Join needs Kv:AdvertisedUrl (where the members reach this node), both absolute URLs, e.g. --Kv:Join=http://kv1:8080 --Kv:AdvertisedUrl=http://kv4:8080.")
            .Validate(o => !o.JoinsThroughPeers || (o.AdvertisedUrl is { IsAbsoluteUri: true } && !string.IsNullOrEmpty(o.DataDir)),
                "Kv:JoinWhenUnlisted, for a node not among Kv:Peers, needs Kv:AdvertisedUrl (where the members reach it) and Kv:DataDir (which keeps its id).");
        // A node that joins through its listed peers runs under an id kept in its data directory (see NodeIdentity),
        // decided once, when the options are first read, so everything reads the one id.
        builder.Services.PostConfigure<KvOptions>(o =>
        {
            if (o.JoinsThroughPeers && o.DataDir is { Length: > 0 } dataDir)
            {
                o.NodeId = NodeIdentity.Resolve(o.NodeId, dataDir);
            }
        });

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, ReplicationJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(2, EventsJsonContext.Default);

            // A property named twice is refused, not "the last one wins": a batch naming a key twice is not half taken.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KvMetrics>();
        builder.Services.AddSingleton<DiskStall>();
        builder.Services.AddSingleton<INodeJournal>(sp =>
        {
            var kv = sp.GetRequiredService<IOptions<KvOptions>>().Value;
            return kv.DataDir is { Length: > 0 } dir
                ? new FileJournal(
                    dir,
                    kv.Durability,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<KvMetrics>(),
                    sp.GetRequiredService<ILogger<FileJournal>>(),
                    sp.GetRequiredService<DiskStall>())
                : new MemoryJournal();
        });
        builder.Services.AddSingleton<NodeEventFeed>();
        builder.Services.AddSingleton<CausalNode>();
        builder.Services.AddSingleton<MembershipChanges>();
        builder.Services.AddSingleton<Replicator>();
        builder.Services.AddSingleton<Rejoin>();
        builder.Services.AddSingleton<IReplicationSource>(sp => sp.GetRequiredService<Replicator>());
        builder.Services.AddSingleton<ClusterJoin>();
        builder.Services.AddHostedService<OwnSequenceGuard>();
        builder.Services.AddHealthChecks().AddCheck<WritesHealthCheck>("writes");
        // A failing readiness probe is logged at Error on every probe (every few seconds while a node rejoins); the node
        // already logs why it refuses writes, once, when that changes.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Services.AddHostedService<RetiredWritesCatchUp>();
        builder.Services.AddSingleton<PeerConnector>();
        builder.Services.AddSingleton<InboundReplication>();
        builder.Services.AddSingleton<PeerLinks>();
        builder.Services.AddSingleton<PeerStateClient>();
        builder.Services.AddHostedService<ReplicationService>();
        // Replication has its own retry, back-off and resume protocol; the default resilience pipeline's shared
        // circuit breaker would let one dead peer stall replication to every other peer.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt out.
        // Nor does it need a log line per batch: links log their own state changes.
        builder.Services.AddHttpClient(PeerLinks.HttpClientName).RemoveAllResilienceHandlers().RemoveAllLoggers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary>Maps the public API, status, replication, the node's gauges and (when enabled) fault injection.</summary>
    public static WebApplication MapKvNode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets(); // the peers' replication streams
        app.MapOpenApi();
        app.MapKvApi();
        app.MapBatchApi();
        app.MapStatus();
        app.MapReplication();
        app.MapAdmin();
        app.MapEvents();
        ObserveState(app.Services);
        if (app.Services.GetRequiredService<IOptions<KvOptions>>().Value.ChaosEnabled)
        {
            app.MapChaos();
        }

        return app;
    }

    // The node's state as gauges, composed here so that Diagnostics needs nothing from Node or Replication. Every value
    // is read without a lock (the node keeps its readings as it changes), so a scrape costs the same whatever it holds.
    private static void ObserveState(IServiceProvider services)
    {
        var node = services.GetRequiredService<CausalNode>();
        var links = services.GetRequiredService<PeerLinks>();
        var readings = node.Readings;
        var metrics = services.GetRequiredService<KvMetrics>();
        metrics.ObserveMembers(node.NodeId, () => (node.Members.Count - node.Membership.Removed.Count, node.Membership.Removed.Count));
        metrics.ObserveState(node.NodeId, () =>
        {
            var clock = readings.Clock;
            var ownWrites = readings.OwnWrites;
            return new KvGauges(
                readings.Buffered,
                ownWrites,
                readings.Tombstones,
                [.. node.Members.Select(m => KeyValuePair.Create(m, clock[m])).Concat(clock.Entries.Where(e => !node.Members.Contains(e.Key)))],
                [.. links.All.Values.Select(l => new PeerGauge(l.PeerId, ownWrites - l.Acked, l.Reachable))],
                readings.RetiredIncarnations,
                readings.PrunedIncarnations);
        });
    }
}
