using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Api;

/// <summary><c>GET /status</c>: clock, buffer and per-peer replication state, for people and for tests.</summary>
public static class StatusEndpoints
{
    /// <summary>Maps the status endpoint.</summary>
    public static RouteHandlerBuilder MapStatus(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ReplicationProtocol.StatusPath, (CausalNode node, Rejoin rejoin, PeerLinks links) =>
        {
            var status = node.Status();
            return TypedResults.Ok(new StatusResponse(
                node.NodeId,
                status.Clock,
                status.Buffered,
                status.BufferedWrites.Select(w => new BufferedMessage(w.Origin, w.Clock, w.Key)).ToList(),
                links.All.ToDictionary(
                    l => l.Key,
                    l => new PeerStatus(l.Value.Acked, status.OwnWrites - l.Value.Acked, l.Value.Reachable, l.Value.Faults.Held, l.Value.Problem)),
                status.OwnWrites,
                status.Keys,
                status.RecentDeliveries.Select(w => new BufferedMessage(w.Origin, w.Clock, w.Key)).ToList(),
                status.JournalWaiting,
                status.Tombstones,
                node.WriterId,
                rejoin.KnownIncarnations(),
                node.Writes.Refusal,
                status.OwnWritesKept,
                node.Membership.RemovedList));
        }).WithTags("Status").WithName("GetStatus");
}
