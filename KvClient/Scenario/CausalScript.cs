namespace GridAspire.KvClient.Scenario;

/// <summary>
/// The classic demonstration of causal delivery, on three nodes a, b and c. With a's link to c held: x is written at a,
/// read at b and followed by y at b, so y depends on x. c receives y first and must buffer it without exposing it;
/// once the link is released c must deliver x before y.
/// </summary>
public static class CausalScript
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "causal";

    /// <summary>The nodes it needs.</summary>
    public const int NodesNeeded = 3;

    /// <summary>The script for <paramref name="nodes"/> (the first three play a, b and c) and the run <paramref name="run"/>.</summary>
    public static ScenarioScript For(IReadOnlyList<string> nodes, string run)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count < NodesNeeded)
        {
            throw new ArgumentException($"The causal scenario needs {NodesNeeded} nodes; there are {nodes.Count}.", nameof(nodes));
        }

        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        var (x, y) = Keys(run);
        return new ScenarioScript(
            Name,
            "Causal scenario, step by step",
            $"{a} writes {x}; {b} reads it and writes {y}, so {y} depends on {x}. {a}'s link to {c} is held, so {c} hears of {y} " +
            $"first and must hold it back until {x} arrives. (The keys carry this run's id, {run}, so runs never mix.)",
            [
                new(1, $"Hold {a} → {c}", new HoldLink(a, c)),
                new(2, $"Write {x}=1 at {a}", new PutKey(a, x, "1")),
                new(3, $"Read {x} at {b} (session token)", new GetKey(b, x)),
                new(4, $"Write {y}=2 at {b}", new PutKey(b, y, "2")),
                new(5, $"Release {a} → {c}", new ReleaseLink(a, c)),
            ],
            [new ReleaseLink(a, c)]);
    }

    /// <summary>The run's two keys.</summary>
    public static (string X, string Y) Keys(string run) => ($"x-{run}", $"y-{run}");
}
