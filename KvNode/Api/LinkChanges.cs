using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;
using GridAspire.KvNode.Node;

namespace GridAspire.KvNode.Api;

/// <summary>What a change to a link reports: a log line and an event. Bound from the services per request.</summary>
internal sealed record LinkChanges(ILoggerFactory Loggers, NodeEventFeed Events, CausalNode Node)
{
    /// <summary>Reports that the link to <paramref name="peer"/> changed as <paramref name="change"/> says.</summary>
    public void Report(string peer, string change)
    {
        KvLog.LinkChanged(Loggers.CreateLogger(typeof(ChaosEndpoints)), peer, change);
        if (Events.IsWatched)
        {
            Events.Publish(new NodeEvent(NodeEventKind.Link, Node.Clock, Peer: peer, Detail: change));
        }
    }
}
