using System.Collections.Concurrent;
using GridAspire.Explorer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Collection;

/// <summary>The explorer's connection to each node's event stream, for the page's header.</summary>
public sealed class NodeConnections(IOptions<ExplorerOptions> options)
{
    private readonly ConcurrentDictionary<string, NodeConnection> _connections = new(
        options.Value.Nodes.Select(n => KeyValuePair.Create(n.Key, new NodeConnection(n.Key, n.Value, false, "not connected yet"))),
        StringComparer.Ordinal);

    /// <summary>Every node, in id order.</summary>
    public IReadOnlyList<NodeConnection> All => [.. _connections.Values.OrderBy(c => c.Node, StringComparer.Ordinal)];

    /// <summary>Records that <paramref name="node"/>'s stream is open.</summary>
    public void Connected(string node) => _connections.AddOrUpdate(node, _ => throw new KeyNotFoundException(node), (_, c) => c with { Connected = true, Problem = null });

    /// <summary>Records that <paramref name="node"/>'s stream is closed, and why. True when that is news (worth a log line).</summary>
    public bool Disconnected(string node, string problem)
    {
        var before = _connections[node];
        _connections[node] = before with { Connected = false, Problem = problem };
        return before.Connected || before.Problem != problem;
    }
}
