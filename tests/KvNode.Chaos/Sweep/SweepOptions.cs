namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>Command line of the sweep: <c>--seeds N --first-seed S --nodes K --ops M --faults F --keep true|false --data DIR</c>.</summary>
/// <param name="Seeds">How many seeds to run.</param>
/// <param name="FirstSeed">The first seed; the others follow it.</param>
/// <param name="Settings">The shape of each run.</param>
/// <param name="DataRoot">Where runs keep their data and logs.</param>
public sealed record SweepOptions(int Seeds, int FirstSeed, ChaosSettings Settings, string DataRoot)
{
    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static SweepOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--option value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Int(string name, int fallback, int min, int max)
        {
            if (!values.Remove(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, got '{text}'");
        }

        var seeds = Int("seeds", 10, 1, 100_000);
        var first = Int("first-seed", 1, int.MinValue, int.MaxValue - 100_000);
        var nodes = values.ContainsKey("nodes") ? Int("nodes", 3, 3, 5) : (int?)null;
        var settings = new ChaosSettings(nodes, Int("sessions", 4, 1, 16), Int("ops", 100, 1, 10_000), Int("keys", 5, 1, 100), Int("faults", 20, 0, 10_000));
        var keep = values.Remove("keep", out var keepText) && (bool.TryParse(keepText, out var parsed)
            ? parsed
            : throw new ArgumentException($"--keep must be true or false, got '{keepText}'"));
        settings = settings with { KeepData = keep };
        var data = values.Remove("data", out var dir) ? dir : Path.Combine(Path.GetTempPath(), "gridaspire-chaos");
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option --{values.Keys.First()}");
        }

        return new SweepOptions(seeds, first, settings, Path.GetFullPath(data));
    }
}
