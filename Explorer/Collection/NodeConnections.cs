using System.Collections.Concurrent;
using GridAspire.Explorer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Explorer.Collection;

/// <summary>
/// The nodes the explorer watches, and its connection to each one's event stream, for the page's header and lanes:
/// the configured ones, plus members that joined since, less members removed (see <see cref="MemberDiscovery"/>).
/// </summary>
public sealed class NodeConnections(IOptions<ExplorerOptions> options)
{
    private readonly ConcurrentDictionary<string, NodeConnection> _connections = new(
        options.Value.Nodes.Select(n => KeyValuePair.Create(n.Key, new NodeConnection(n.Key, n.Value, false, "not connected yet"))),
        StringComparer.Ordinal);

    /// <summary>Every node, in id order.</summary>
    public IReadOnlyList<NodeConnection> All => [.. _connections.Values.OrderBy(c => c.Node, StringComparer.Ordinal)];

    /// <summary>Where <paramref name="node"/> serves, or null when it is not watched.</summary>
    public Uri? AddressOf(string node) => _connections.TryGetValue(node, out var connection) ? connection.Address : null;

    /// <summary>Every watched node's address, by id.</summary>
    public IReadOnlyDictionary<string, Uri> Addresses => _connections.ToDictionary(c => c.Key, c => c.Value.Address, StringComparer.Ordinal);

    /// <summary>Watches <paramref name="node"/> too (it joined); false when it already is.</summary>
    public bool Add(string node, Uri address) => _connections.TryAdd(node, new NodeConnection(node, address, false, "not connected yet"));

    /// <summary>Stops showing <paramref name="node"/> (it was removed, or left); false when it was not shown.</summary>
    public bool Remove(string node) => _connections.TryRemove(node, out _);

    /// <summary>Records that <paramref name="node"/>'s stream is open.</summary>
    public void Connected(string node)
    {
        if (_connections.TryGetValue(node, out var before))
        {
            _connections.TryUpdate(node, before with { Connected = true, Problem = null }, before);
        }
    }

    /// <summary>Records that <paramref name="node"/>'s stream is closed, and why. True when that is news (worth a log line).</summary>
    public bool Disconnected(string node, string problem)
    {
        if (!_connections.TryGetValue(node, out var before))
        {
            return false; // no longer shown
        }

        _connections.TryUpdate(node, before with { Connected = false, Problem = problem }, before);
        return before.Connected || before.Problem != problem;
    }
}
