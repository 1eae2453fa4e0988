using System.CommandLine;
using System.Globalization;
using static GridAspire.CommandLine.CommandLineOptions;
using GridAspire.LoadTester.Kv;
using GridAspire.LoadTester.RushHour;
using Spectre.Console;

namespace GridAspire.LoadTester.Cli;

/// <summary>
/// The tester's command line: <c>rush</c> (a rush hour against the charging API, or a policy comparison) and <c>kv</c>
/// (KV write throughput against a bare dictionary). Defaults fit a local AppHost run; the AppHost's service-discovery
/// variables override them when it starts the tester.
/// </summary>
public static class LoadTesterCommandLine
{
    /// <summary>Builds the command tree; the actions write to <paramref name="console"/>.</summary>
    public static RootCommand Build(IAnsiConsole console, TimeProvider time)
    {
        var root = new RootCommand("GridAspire load tester: rush hours against the charging API, and the KV write benchmark.");
        root.Subcommands.Add(Rush(console, time));
        root.Subcommands.Add(Kv(console));
        return root;
    }

    /// <summary>
    /// The admin key the AppHost gives the balancer when run locally (its <c>Parameters:balancer-admin-key</c>), so
    /// the documented command works against it as is; any real deployment sets its own and passes it.
    /// </summary>
    public const string LocalAdminKey = "local-dev-balancer-key-change-me";

    private static Command Rush(IAnsiConsole console, TimeProvider time)
    {
        var target = Url("--target", "The charging API.", "services__chargerequest__http__0", "http://localhost:5080");
        var balancer = Url("--balancer", "The balancer (its state, counters and policy).", "services__balancer__http__0", "http://localhost:5090");
        var adminKey = new Option<string?>("--admin-key")
        {
            Description = "The balancer's admin key, needed to switch policies. $Balancer__AdminKey overrides the default, the AppHost's local one.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Balancer__AdminKey") ?? LocalAdminKey,
        };
        var seed = Ranged("--seed", "Seed of the arrivals: the same seed replays the same vehicles.", 42, int.MinValue, int.MaxValue);
        var defaults = RushHourProfile.Default;
        var profileName = new Option<string>("--profile")
        {
            Description = "Named rush hour: default (5/s at the peak) or evening-peak (8.7/s, demand about 130 % of the AppHost grid, where policies differ); --peak and the phases override it.",
            DefaultValueFactory = _ => "default",
        };
        profileName.AcceptOnlyFromAmong([.. RushHourProfile.Named.Keys]);
        var peak = Ranged("--peak", "Arrivals per second at the peak (default: the profile's).", defaults.PeakPerSecond, 0.1, 10_000);
        var rampUp = Ranged("--ramp-up", "Seconds of ramp-up.", defaults.RampUp.TotalSeconds, 0, 86_400);
        var hold = Ranged("--hold", "Seconds at the peak (utilisation and fairness are measured here).", defaults.Hold.TotalSeconds, 1, 86_400);
        var rampDown = Ranged("--ramp-down", "Seconds of ramp-down.", defaults.RampDown.TotalSeconds, 0, 86_400);
        var minKwh = Ranged("--min-kwh", "Smallest energy a vehicle asks for.", VehicleMix.Default.MinKwh, 0.001, 500);
        var maxKwh = Ranged("--max-kwh", "Largest energy a vehicle asks for.", VehicleMix.Default.MaxKwh, 0.001, 500);
        var compare = new Option<string[]>("--compare")
        {
            Description = "Policies to compare on the same seeded rush hour, e.g. LeastLoad,PowerOfTwoChoices,RoundRobin.",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        var allocations = new Option<string[]>("--allocations")
        {
            Description = "Allocation modes to compare on the same seeded rush hour with LeastLoad: Fixed,Shared (switches every substation with the admin key).",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        var stalePoll = Ranged("--stale-poll", "Poll interval (s) of the extra stale-poll runs of a comparison; 0 skips them.", 5.0, 0, 600);
        var policy = new Option<string?>("--policy") { Description = "Policy to switch to before a single run (default: keep the balancer's)." };
        var output = new Option<string?>("--output") { Description = "Folder for the results (default: results/<UTC time>); a comparison writes every run into it." };
        var timeout = Timeout(15, "the API or the balancer");
        var alsoTargets = new Option<Uri[]>("--also-target")
        {
            Description = "Another charging API replica (repeat for more): each vehicle starts at the next in turn, and one that gives no answer about the grid is left for the next with the same Idempotency-Key.",
            CustomParser = r => [.. r.Tokens.Select(t => Uri.TryCreate(t.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : Error(r, $"--also-target takes an http(s) URL, not '{t.Value}'."))],
            DefaultValueFactory = _ => [],
        };
        var killAt = new Option<ScheduledFault[]>("--kill-at")
        {
            Description = "SECONDS=COMMAND (repeat for more): runs the shell command that long into the first measured run, e.g. 30=\"docker-compose kill balancer2\" to kill a balancer mid-rush.",
            CustomParser = r => [.. r.Tokens.Select(t => ScheduledFault.Parse(t.Value, r.AddError)).OfType<ScheduledFault>()],
            DefaultValueFactory = _ => [],
        };

        var command = new Command("rush", "Plays a seeded rush hour against the charging API, or compares policies on it.")
        {
            target, balancer, adminKey, seed, profileName, peak, rampUp, hold, rampDown, minKwh, maxKwh, compare, allocations, stalePoll, policy, output, timeout,
            alsoTargets, killAt,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(minKwh) > r.GetValue(maxKwh))
            {
                r.AddError("--min-kwh must not exceed --max-kwh.");
            }

            if ((r.GetValue(allocations) ?? []).FirstOrDefault(a => a is not ("Fixed" or "Shared")) is { } unknown)
            {
                r.AddError($"--allocations takes Fixed and Shared, not '{unknown}'.");
            }

            if ((r.GetValue(allocations) ?? []).Length > 0 && (r.GetValue(compare) ?? []).Length > 0)
            {
                r.AddError("--allocations and --compare are separate comparisons: give one of them.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new RushHourSettings(
                parse.GetValue(target)!,
                parse.GetValue(balancer)!,
                parse.GetValue(adminKey),
                parse.GetValue(seed),
                new RushHourProfile(
                    parse.GetResult(peak) is { Implicit: false } ? parse.GetValue(peak) : RushHourProfile.Named[parse.GetValue(profileName)!].PeakPerSecond,
                    TimeSpan.FromSeconds(parse.GetValue(rampUp)),
                    TimeSpan.FromSeconds(parse.GetValue(hold)),
                    TimeSpan.FromSeconds(parse.GetValue(rampDown))),
                VehicleMix.Default with { MinKwh = parse.GetValue(minKwh), MaxKwh = parse.GetValue(maxKwh) },
                parse.GetValue(compare) ?? [],
                parse.GetValue(stalePoll),
                parse.GetValue(policy),
                // Decided once: every run of a comparison, and its comparison files, go into this one folder.
                parse.GetValue(output) ?? Path.Combine("results", time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(parse.GetValue(timeout)),
                parse.GetValue(allocations) ?? [],
                parse.GetValue(alsoTargets) ?? [],
                parse.GetValue(killAt) ?? []);
            return RushHourCommand.RunAsync(settings, console, time, cancellationToken);
        });
        return command;
    }

    private static Command Kv(IAnsiConsole console)
    {
        var nodes = Nodes("The KV nodes as id=URL pairs separated by commas.", null, "kv1=http://localhost:7101,kv2=http://localhost:7102,kv3=http://localhost:7103");
        var sessions = Ranged("--sessions", "Concurrent client sessions.", 8, 1, 1_000);
        var seconds = Ranged("--seconds", "Seconds each measurement lasts.", 10, 1, 3_600);
        var timeout = Timeout(5, "a node");
        var command = new Command("kv", "KV write throughput and replication visibility, against a bare dictionary endpoint in the same run.")
        {
            nodes, sessions, seconds, timeout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new KvBenchmarkSettings(ParseNodes(parse.GetValue(nodes)!), parse.GetValue(sessions), parse.GetValue(seconds), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            return KvBenchmark.RunAsync(settings, console, cancellationToken);
        });
        return command;
    }

    private static Uri Error(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return new Uri("http://invalid.invalid/");
    }
}
