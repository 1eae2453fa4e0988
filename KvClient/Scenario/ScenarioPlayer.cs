using GridAspire.KvClient.Client;

namespace GridAspire.KvClient.Scenario;

/// <summary>Does a scenario's actions at the nodes, in one session (another user's, for an action done <see cref="ScenarioAction.As"/> them).</summary>
public sealed class ScenarioPlayer(KvSession session, IReadOnlyDictionary<string, Uri> nodes)
{
    /// <summary>The session the actions run in.</summary>
    public KvSession Session => session;

    /// <summary>Does <paramref name="action"/>; the result is the node's answer.</summary>
    public Task<KvResult> PerformAsync(ScenarioAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var node = nodes[action.Node];
        var user = action.As is null ? session : new KvSession(session.Client);
        return action switch
        {
            HoldLink hold => session.Client.SetLinkHeldAsync(node, hold.Peer, held: true, cancellationToken),
            ReleaseLink release => session.Client.SetLinkHeldAsync(node, release.Peer, held: false, cancellationToken),
            PutKey put => user.PutAsync(node, put.Key, put.Value, cancellationToken),
            GetKey get => user.GetAsync(node, get.Key, cancellationToken),
            ReadKeys read => user.ReadManyAsync(node, read.Keys, cancellationToken),
            _ => throw new NotSupportedException($"No scenario action {action.GetType().Name}."),
        };
    }
}
