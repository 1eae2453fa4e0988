using GridAspire.KvNode.Chaos;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Replication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.KvNode.Api;

/// <summary>
/// Fault injection on this node's outgoing links, mapped only when <c>Kv:ChaosEnabled</c> is true and guarded by
/// the cluster key. This is how tests and demos make messages arrive late, lost or out of order, deterministically.
/// </summary>
public static class ChaosEndpoints
{
    /// <summary>Maps <c>/admin/links</c> (faults on outgoing links) and <c>/admin/disk</c> (a stalled disk).</summary>
    public static IEndpointRouteBuilder MapChaos(this IEndpointRouteBuilder routes)
    {
        var disk = routes.MapGroup("/admin/disk").WithTags("Fault injection").AddEndpointFilter(ClusterKeyFilter.Instance);
        disk.MapPost("/stall", (DiskStall stall, ILoggerFactory loggers) => SetStalled(stall, true, loggers));
        disk.MapPost("/resume", (DiskStall stall, ILoggerFactory loggers) => SetStalled(stall, false, loggers));

        var group = routes.MapGroup("/admin/links").WithTags("Fault injection").AddEndpointFilter(ClusterKeyFilter.Instance);
        group.MapGet("/", (PeerLinks links) => TypedResults.Ok(links.All.ToDictionary(l => l.Key, l => Describe(l.Value))));
        group.MapPost("/{peer}/hold", (string peer, PeerLinks links, [AsParameters] LinkChanges changes) => SetHeld(peer, true, links, changes));
        group.MapPost("/{peer}/release", (string peer, PeerLinks links, [AsParameters] LinkChanges changes) => SetHeld(peer, false, links, changes));
        group.MapPut("/{peer}", Configure);
        return routes;
    }

    private static Ok<DiskView> SetStalled(DiskStall stall, bool stalled, ILoggerFactory loggers)
    {
        if (stalled)
        {
            stall.Stall();
        }
        else
        {
            stall.Resume();
        }

        KvLog.DiskChanged(loggers.CreateLogger(typeof(ChaosEndpoints)), stalled ? "stalled" : "resumed");
        return TypedResults.Ok(new DiskView(stall.Stalled));
    }

    private static Results<Ok<LinkView>, ProblemHttpResult> SetHeld(string peer, bool held, PeerLinks links, [AsParameters] LinkChanges changes)
    {
        if (!links.All.TryGetValue(peer, out var link))
        {
            return UnknownPeer(peer);
        }

        link.Faults.SetHeld(held);
        changes.Report(peer, held ? "held" : "released");
        return TypedResults.Ok(Describe(link));
    }

    private static Results<Ok<LinkView>, ProblemHttpResult> Configure(
        string peer, LinkFaultSettings? settings, PeerLinks links, [AsParameters] LinkChanges changes)
    {
        if (!links.All.TryGetValue(peer, out var link))
        {
            return UnknownPeer(peer);
        }

        if (settings is null || settings.DelayMs is < 0 or > 60_000 || settings.JitterMs is < 0 or > 60_000
            || settings.DropRate is < 0 or > 1 || double.IsNaN(settings.DropRate))
        {
            return TypedResults.Problem(
                "delayMs and jitterMs must be 0-60000 and dropRate 0-1.", statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid link faults");
        }

        link.Faults.Configure(settings);
        changes.Report(peer, settings.ToString());
        return TypedResults.Ok(Describe(link));
    }

    private static LinkView Describe(PeerLink link) => new(link.PeerId, link.Faults.Held, link.Faults.Settings);

    private static ProblemHttpResult UnknownPeer(string peer) =>
        TypedResults.Problem($"'{peer}' is not a peer of this node.", statusCode: StatusCodes.Status404NotFound, title: "Unknown peer");
}
