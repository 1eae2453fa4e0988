namespace GridAspire.KvClient.Scenario;

/// <summary>One thing a scenario step does at a node, in the scenario's session.</summary>
/// <param name="Node">The node it is done at.</param>
public abstract record ScenarioAction(string Node)
{
    /// <summary>
    /// Another user doing it (e.g. <c>Bob</c>), in a session of their own: without the scenario's causal context, and
    /// leaving that context as it was. Null: the scenario's own user.
    /// </summary>
    public string? As { get; init; }
}

/// <summary>Holds <see cref="ScenarioAction.Node"/>'s outgoing link to <paramref name="Peer"/>: everything for it queues.</summary>
public sealed record HoldLink(string Node, string Peer) : ScenarioAction(Node);

/// <summary>Releases a held link.</summary>
public sealed record ReleaseLink(string Node, string Peer) : ScenarioAction(Node);

/// <summary>Writes <paramref name="Value"/> to <paramref name="Key"/>.</summary>
public sealed record PutKey(string Node, string Key, string Value) : ScenarioAction(Node);

/// <summary>Reads <paramref name="Key"/> with the session's causal context.</summary>
public sealed record GetKey(string Node, string Key) : ScenarioAction(Node);

/// <summary>Reads <paramref name="Keys"/> together, from one causally consistent cut (<c>POST /batch/read</c>).</summary>
public sealed record ReadKeys(string Node, IReadOnlyList<string> Keys) : ScenarioAction(Node);
