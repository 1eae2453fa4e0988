namespace GridAspire.KvClient.Scenario;

/// <summary>One thing a scenario step does at a node, in the scenario's session.</summary>
/// <param name="Node">The node it is done at.</param>
public abstract record ScenarioAction(string Node);

/// <summary>Holds <see cref="ScenarioAction.Node"/>'s outgoing link to <paramref name="Peer"/>: everything for it queues.</summary>
public sealed record HoldLink(string Node, string Peer) : ScenarioAction(Node);

/// <summary>Releases a held link.</summary>
public sealed record ReleaseLink(string Node, string Peer) : ScenarioAction(Node);

/// <summary>Writes <paramref name="Value"/> to <paramref name="Key"/>.</summary>
public sealed record PutKey(string Node, string Key, string Value) : ScenarioAction(Node);

/// <summary>Reads <paramref name="Key"/> with the session's causal context.</summary>
public sealed record GetKey(string Node, string Key) : ScenarioAction(Node);
