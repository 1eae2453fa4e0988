namespace GridAspire.KvClient.Cli;

/// <summary>Positional arguments and <c>--name value</c> options, in the order given.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits <paramref name="args"/> into positionals and options.</summary>
    public CliArgs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    _options[name[..eq]] = name[(eq + 1)..];
                }
                else
                {
                    _options[name] = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"--{name} needs a value");
                }
            }
            else
            {
                Positionals.Add(args[i]);
            }
        }
    }

    /// <summary>Arguments that are not options.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>The option's value, the environment variable's, or <paramref name="fallback"/>.</summary>
    public string Option(string name, string? environmentVariable, string fallback) =>
        _options.GetValueOrDefault(name)
        ?? (environmentVariable is null ? null : Environment.GetEnvironmentVariable(environmentVariable))
        ?? fallback;
}
