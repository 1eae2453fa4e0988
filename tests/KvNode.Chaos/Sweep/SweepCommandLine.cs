using System.CommandLine;
using static GridAspire.CommandLine.CommandLineOptions;

namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>
/// The sweep's command line: <c>--seeds N --first-seed S --nodes 3-5 --sessions N --ops N --keys N --faults N --keep
/// --wide-area --membership --data DIR</c>. Every value is range-checked and a bad one is refused with the option's name.
/// </summary>
public sealed class SweepCommandLine
{
    private readonly Option<int> _seeds = Ranged("--seeds", "How many seeds to run.", 10, 1, 100_000);
    private readonly Option<int> _firstSeed = Ranged("--first-seed", "The first seed; the others follow it. Replay a failure with --seeds 1 --first-seed S.", 1, int.MinValue, int.MaxValue - 100_000);
    private readonly Option<int?> _nodes = new("--nodes") { Description = "Cluster size, 3 to 5 (default: 3, 4 or 5 in turn by seed)." };
    private readonly Option<int> _sessions = Ranged("--sessions", "Concurrent client sessions.", 4, 1, 16);
    private readonly Option<int> _operations = Ranged("--ops", "Operations each session issues.", 100, 1, 10_000);
    private readonly Option<int> _keys = Ranged("--keys", "Keys the sessions share (few, so they conflict).", 5, 1, 100);
    private readonly Option<int> _faults = Ranged("--faults", "Fault steps (kills, restarts, link faults, partitions, disk stalls) per run.", 20, 0, 10_000);
    private readonly Option<bool> _keep = new("--keep") { Description = "Keep the nodes' data, logs and the history even when a run passes." };
    private readonly Option<bool> _wideArea = new("--wide-area") { Description = "Each pair of nodes 10-150 ms apart one way (a delay proxy on every link), on top of the faults." };
    private readonly Option<bool> _membership = new("--membership") { Description = "Add membership changes to the faults: a node joins under load, a killed node is removed, a node leaves (maybe during a partition)." };
    private readonly Option<string> _data = new("--data")
    {
        Description = "Where runs keep their data and logs.",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "gridaspire-chaos"),
    };

    /// <summary>Builds the command; <paramref name="run"/> runs the sweep the command line describes.</summary>
    public SweepCommandLine(Func<SweepOptions, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _nodes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } n && n is < 3 or > 5)
            {
                r.AddError($"--nodes must be between 3 and 5, got {n}.");
            }
        });
        Root = new RootCommand("The Jepsen-style chaos sweep: real KV node processes under kill -9, partitions, link faults and disk stalls; every history is checked for causal consistency. Exit 1 on a violation or a harness error.")
        {
            _seeds, _firstSeed, _nodes, _sessions, _operations, _keys, _faults, _keep, _wideArea, _membership, _data,
        };
        Root.SetAction((parse, cancellationToken) => run(OptionsFrom(parse), cancellationToken));
    }

    /// <summary>The command.</summary>
    public RootCommand Root { get; }

    /// <summary>The sweep a parsed command line describes.</summary>
    public SweepOptions OptionsFrom(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var settings = new ChaosSettings(
            parse.GetValue(_nodes),
            parse.GetValue(_sessions),
            parse.GetValue(_operations),
            parse.GetValue(_keys),
            parse.GetValue(_faults),
            KeepData: parse.GetValue(_keep),
            WideArea: parse.GetValue(_wideArea),
            Membership: parse.GetValue(_membership));
        return new SweepOptions(parse.GetValue(_seeds), parse.GetValue(_firstSeed), settings, Path.GetFullPath(parse.GetValue(_data)!));
    }
}
