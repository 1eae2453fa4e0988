using System.Globalization;
using System.Text;
using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Collection;

namespace GridAspire.Explorer.ShiViz;

/// <summary>
/// Writes events as a log that ShiViz (https://bestchai.bitbucket.io/shiviz/) draws as a space-time diagram.
/// </summary>
/// <remarks>
/// ShiViz needs its own kind of vector clock: one that counts <em>events</em> (each host's entry goes up by exactly one
/// per logged event, from 1) and merges at a receive. The store's clocks count <em>writes</em>, so they cannot be used
/// as they are. This computes them from the events: per host, in the host's own order, each event ticks the host's
/// entry, and a receive first merges the clock of the send it names (<see cref="NodeEvent.SentAs"/>). Only the
/// events given are counted, so a log with gaps (a watcher that fell behind) is still consistent.
/// The file starts with ShiViz's two header lines: the parsing expression (<see cref="Pattern"/>) and an empty line
/// (one execution).
/// </remarks>
public static class ShiVizLog
{
    /// <summary>The line format: host, clock as JSON, then the event's description.</summary>
    public const string Pattern = "(?<host>\\S+) (?<clock>\\{.*?\\}) (?<event>.*)";

    /// <summary>The log of <paramref name="events"/>, in an order consistent with causality.</summary>
    public static string Write(IEnumerable<LoggedEvent> events)
    {
        var text = new StringBuilder().Append(Pattern).Append('\n').Append('\n');
        foreach (var (observed, clock) in Stamp(events))
        {
            text.Append(observed.Node).Append(' ').Append(Json(clock)).Append(' ').Append(Describe(observed)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Each event with its ShiViz clock, sends before their receives, each host's events in its own order.</summary>
    public static IReadOnlyList<(NodeEvent Event, IReadOnlyDictionary<string, long> Clock)> Stamp(IEnumerable<LoggedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var order = new Dictionary<NodeEvent, long>(ReferenceEqualityComparer.Instance);
        foreach (var logged in events)
        {
            order[logged.Event] = logged.Order;
        }

        var lanes = order.Keys.GroupBy(e => e.Node, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<NodeEvent>(g.DistinctBy(e => e.Id).OrderBy(e => e.Id)), StringComparer.Ordinal);
        var sends = lanes.Values.SelectMany(q => q).Where(e => e.Kind == "send").Select(e => (e.Node, e.Id)).ToHashSet();
        var stamped = new Dictionary<(string Node, long Id), IReadOnlyDictionary<string, long>>();
        var clocks = lanes.Keys.ToDictionary(n => n, _ => new SortedDictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        var result = new List<(NodeEvent, IReadOnlyDictionary<string, long>)>();
        while (lanes.Values.Any(q => q.Count > 0))
        {
            var progressed = false;
            foreach (var (node, lane) in lanes.OrderBy(l => l.Value.TryPeek(out var next) ? order[next] : long.MaxValue))
            {
                // A receive waits for its send, when the send is in the log: the arrow must point forward.
                if (!lane.TryPeek(out var next) || (Sender(next) is { } sender && sends.Contains(sender) && !stamped.ContainsKey(sender)))
                {
                    continue;
                }

                lane.Dequeue();
                var clock = clocks[node];
                if (Sender(next) is { } from && stamped.TryGetValue(from, out var sent))
                {
                    foreach (var (host, counter) in sent)
                    {
                        clock[host] = Math.Max(clock.GetValueOrDefault(host), counter);
                    }
                }

                clock[node] = clock.GetValueOrDefault(node) + 1;
                var copy = new SortedDictionary<string, long>(clock, StringComparer.Ordinal);
                stamped[(node, next.Id)] = copy;
                result.Add((next, copy));
                progressed = true;
                break; // take events in the order they were received wherever causality allows
            }

            if (!progressed)
            {
                throw new InvalidOperationException("The events' sends and receives form a cycle; they cannot come from one run.");
            }
        }

        return result;
    }

    private static (string Node, long Id)? Sender(NodeEvent observed) =>
        observed is { Kind: "receive", Peer: { } peer, SentAs: { } id } ? (peer, id) : null;

    private static string Json(IReadOnlyDictionary<string, long> clock) =>
        "{" + string.Join(", ", clock.Select(e => $"\"{e.Key}\": {e.Value.ToString(CultureInfo.InvariantCulture)}")) + "}";

    /// <summary>One line describing an event, without values (the nodes never send them).</summary>
    public static string Describe(NodeEvent observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var dot = observed.Origin is { } origin ? $"{origin}:{observed.Sequence}" : null;
        var text = observed.Kind switch
        {
            "write" => $"{observed.Detail} {observed.Key} as {dot}",
            "read" => $"read {observed.Key}: {(dot is null ? "absent" : $"{observed.Detail} {dot}")}",
            "send" => $"send {string.Join(" ", observed.Writes ?? [])} to {observed.Peer}",
            "dropped" => $"batch to {observed.Peer} lost ({string.Join(" ", observed.Writes ?? [])})",
            "receive" => $"receive {string.Join(" ", observed.Writes ?? [])} from {observed.Peer}",
            "buffered" => $"buffer {observed.Key} ({dot}): {observed.Detail}",
            "delivered" => $"deliver {observed.Key} ({dot}): {observed.Detail}",
            "duplicate" => $"drop duplicate {observed.Key} ({dot})",
            "refused" => $"turn away {observed.Key} ({dot}): buffer full",
            "link" => $"link to {observed.Peer} {observed.Detail}",
            "behind" => $"409: {observed.Detail}",
            _ => observed.Kind,
        };
        return $"{text} | store clock {string.Join(",", observed.Clock.Entries.Select(e => $"{e.Key}:{e.Value}"))}";
    }
}
