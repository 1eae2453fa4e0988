using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridAspire.Explorer.Tests;

/// <summary>
/// What ShiViz demands of a log (its documented format and TSViz's stated clock rules), checked independently of the
/// writer: the first line is the parsing expression, the second the (empty) execution delimiter; every event line
/// matches the expression; a host's first event has its own entry 1 and each next event exactly one more; a host's
/// clock never goes back; every entry for another host names an event that host logged.
/// </summary>
internal static class ShiVizRules
{
    public static IReadOnlyList<string> Violations(string log)
    {
        var lines = log.Split('\n');
        var problems = new List<string>();
        if (lines.Length < 2 || lines[1].Length != 0)
        {
            return ["the second line must be the empty execution delimiter"];
        }

        // ShiViz's named groups are .NET's with the same syntax.
        var pattern = new Regex(lines[0]);
        var own = new Dictionary<string, long>();
        var last = new Dictionary<string, Dictionary<string, long>>();
        var events = lines.Skip(2).Where(l => l.Length > 0).ToList();
        foreach (var line in events)
        {
            var match = pattern.Match(line);
            if (!match.Success)
            {
                problems.Add($"does not parse: {line}");
                continue;
            }

            var host = match.Groups["host"].Value;
            var clock = JsonSerializer.Deserialize<Dictionary<string, long>>(match.Groups["clock"].Value)!;
            var expected = own.GetValueOrDefault(host) + 1;
            if (clock.GetValueOrDefault(host) != expected)
            {
                problems.Add($"{host}'s own entry is {clock.GetValueOrDefault(host)}, expected {expected}: {line}");
            }

            own[host] = expected;
            if (last.TryGetValue(host, out var before) && before.Any(e => clock.GetValueOrDefault(e.Key) < e.Value))
            {
                problems.Add($"{host}'s clock went back: {line}");
            }

            last[host] = clock;
        }

        foreach (var (host, clock) in last)
        {
            problems.AddRange(clock.Where(e => e.Key != host && e.Value > own.GetValueOrDefault(e.Key))
                .Select(e => $"{host} knows {e.Key}:{e.Value}, but {e.Key} logged only {own.GetValueOrDefault(e.Key)} events"));
        }

        return problems;
    }
}
