using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Api;

/// <summary><c>GET /status</c>: clock, buffer and per-peer replication state, for people and for tests.</summary>
public static class StatusEndpoints
{
    /// <summary>Maps the status endpoint.</summary>
    public static RouteHandlerBuilder MapStatus(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ReplicationProtocol.StatusPath, (CausalNode node, PeerLinks links) =>
        {
            var snapshot = node.Snapshot();
            return TypedResults.Ok(new StatusResponse(
                node.NodeId,
                snapshot.Clock,
                snapshot.Buffered.Count,
                snapshot.Buffered.Select(w => new BufferedMessage(w.Origin, w.Clock, w.Key)).ToList(),
                links.All.ToDictionary(
                    l => l.Key,
                    l => new PeerStatus(l.Value.Acked, snapshot.OwnWrites - l.Value.Acked, l.Value.Reachable, l.Value.Faults.Held, l.Value.Problem)),
                snapshot.OwnWrites,
                snapshot.Keys,
                snapshot.RecentDeliveries.Select(w => new BufferedMessage(w.Origin, w.Clock, w.Key)).ToList(),
                snapshot.JournalWaiting,
                snapshot.Tombstones,
                node.WriterId,
                node.KnownIncarnations(),
                node.Writes.Refusal));
        }).WithTags("Status").WithName("GetStatus");
}
