using System.Globalization;
using GridAspire.LoadTester.RushHour;

namespace GridAspire.LoadTester.Cli;

/// <summary>The tester's settings from <c>--name value</c> arguments, with defaults for a local AppHost run.</summary>
public sealed class Settings
{
    private readonly Dictionary<string, string> _values;

    private Settings(Dictionary<string, string> values, string mode)
    {
        _values = values;
        Mode = mode;
    }

    /// <summary><c>rush</c> (default), <c>kv</c>.</summary>
    public string Mode { get; }

    /// <summary>The charging API: <c>--target</c>, else the AppHost's service-discovery variable, else port 5080.</summary>
    public Uri Target => new(Get("target") ?? Environment.GetEnvironmentVariable("services__chargerequest__http__0") ?? "http://localhost:5080");

    /// <summary>The balancer: <c>--balancer</c>, else service discovery, else port 5090.</summary>
    public Uri Balancer => new(Get("balancer") ?? Environment.GetEnvironmentVariable("services__balancer__http__0") ?? "http://localhost:5090");

    /// <summary>The balancer's admin key, needed to switch policies: <c>--admin-key</c>, else <c>Balancer__AdminKey</c>.</summary>
    public string? AdminKey => Get("admin-key") ?? Environment.GetEnvironmentVariable("Balancer__AdminKey");

    /// <summary>Seed of the arrivals (<c>--seed</c>).</summary>
    public int Seed => Number("seed", 42);

    /// <summary>The rush-hour profile from <c>--peak</c>, <c>--ramp-up</c>, <c>--hold</c>, <c>--ramp-down</c> (seconds).</summary>
    public RushHourProfile Profile => new(
        Decimal("peak", RushHourProfile.Default.PeakPerSecond),
        TimeSpan.FromSeconds(Decimal("ramp-up", RushHourProfile.Default.RampUp.TotalSeconds)),
        TimeSpan.FromSeconds(Decimal("hold", RushHourProfile.Default.Hold.TotalSeconds)),
        TimeSpan.FromSeconds(Decimal("ramp-down", RushHourProfile.Default.RampDown.TotalSeconds)));

    /// <summary>The vehicle mix: energy range from <c>--min-kwh</c>/<c>--max-kwh</c>; charger powers as the default mix.</summary>
    public VehicleMix Mix => VehicleMix.Default with
    {
        MinKwh = Decimal("min-kwh", VehicleMix.Default.MinKwh),
        MaxKwh = Decimal("max-kwh", VehicleMix.Default.MaxKwh),
    };

    /// <summary>Policies to compare (<c>--compare A,B,C</c>); empty for a single run.</summary>
    public IReadOnlyList<string> Compare => (Get("compare") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Poll interval of the stale-poll runs of a comparison (<c>--stale-poll</c>, seconds; 0 skips them).</summary>
    public double StalePollSeconds => Decimal("stale-poll", 5);

    /// <summary>Policy to switch to before a single run (<c>--policy</c>), if any.</summary>
    public string? Policy => Get("policy");

    /// <summary>Where results go (<c>--output</c>), default <c>results/&lt;utc time&gt;</c>.</summary>
    public string Output => Get("output") ?? Path.Combine("results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>KV nodes (<c>--nodes kv1=URL,...</c>).</summary>
    public IReadOnlyDictionary<string, Uri> KvNodes => (Get("nodes") ?? "kv1=http://localhost:7101,kv2=http://localhost:7102,kv3=http://localhost:7103")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => p[0], p => new Uri(p[1]));

    /// <summary>Concurrent KV client sessions (<c>--sessions</c>).</summary>
    public int KvSessions => Number("sessions", 8);

    /// <summary>Seconds each KV measurement lasts (<c>--seconds</c>).</summary>
    public int KvSeconds => Number("seconds", 10);

    /// <summary>Parses the arguments; the first positional one, if any, is the mode.</summary>
    public static Settings Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var mode = "rush";
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                mode = args[i];
                continue;
            }

            var name = args[i][2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                values[name[..eq]] = name[(eq + 1)..];
            }
            else
            {
                values[name] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value");
            }
        }

        return new Settings(values, mode);
    }

    private string? Get(string name) => _values.GetValueOrDefault(name);

    private int Number(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private double Decimal(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
