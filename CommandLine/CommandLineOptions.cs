using System.CommandLine;
using System.Globalization;

namespace GridAspire.CommandLine;

/// <summary>Typed options the tools share, each refusing a bad value with a message naming the option.</summary>
public static class CommandLineOptions
{
    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/>, parsed in the invariant culture.</summary>
    public static Option<T> Ranged<T>(string name, string description, T fallback, T min, T max)
        where T : struct, IComparable<T>, IParsable<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (!T.TryParse(text, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} must be a number, got '{text}'.");
            }
            else if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            {
                result.AddError($"{name} must be between {min} and {max}, got {text}.");
            }

            return value;
        },
    };

    /// <summary>
    /// An absolute http(s) URL; when the option is not given, <paramref name="environmentVariable"/> if set, else
    /// <paramref name="fallback"/>.
    /// </summary>
    public static Option<Uri> Url(string name, string description, string environmentVariable, string fallback) => new(name)
    {
        Description = $"{description} ${environmentVariable} overrides the default.",
        DefaultValueFactory = result => ParseUrl(Environment.GetEnvironmentVariable(environmentVariable) ?? fallback, name, result.AddError),
        CustomParser = result => ParseUrl(result.Tokens.Count == 0 ? fallback : result.Tokens[0].Value, name, result.AddError),
    };

    /// <summary>Longest wait for one answer, in seconds: every command that talks to a service has one, and short.</summary>
    public static Option<double> Timeout(double seconds, string what) =>
        Ranged("--timeout", $"Longest wait in seconds for one answer from {what}.", seconds, 0.1, 3_600);

    /// <summary>
    /// Nodes as <c>id=URL</c> pairs separated by commas (<c>kv1=http://localhost:7101,...</c>); when the option is not
    /// given, <paramref name="environmentVariable"/> if set, else <paramref name="fallback"/>. Read the value with
    /// <see cref="ParseNodes"/>.
    /// </summary>
    public static Option<string> Nodes(string description, string? environmentVariable, string fallback, params string[] required)
    {
        var option = new Option<string>("--nodes")
        {
            Description = environmentVariable is null ? description : $"{description} ${environmentVariable} overrides the default.",
            DefaultValueFactory = _ => (environmentVariable is null ? null : Environment.GetEnvironmentVariable(environmentVariable)) ?? fallback,
        };
        option.Validators.Add(result => ParseNodes(result.GetValueOrDefault<string>() ?? "", result.AddError, required));
        return option;
    }

    /// <summary>The nodes of an <c>id=URL,...</c> list; each problem is reported to <paramref name="error"/>.</summary>
    public static Dictionary<string, Uri> ParseNodes(string text, Action<string>? error = null, params string[] required)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nodes = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !Uri.TryCreate(parts[1], UriKind.Absolute, out var uri))
            {
                error?.Invoke($"--nodes takes id=URL pairs separated by commas, got '{pair}'.");
                return nodes;
            }

            nodes[parts[0]] = uri;
        }

        if (nodes.Count == 0)
        {
            error?.Invoke("--nodes names no node.");
        }
        else if (required.Length > 0 && !required.All(nodes.ContainsKey))
        {
            error?.Invoke($"--nodes must name {string.Join(", ", required)}.");
        }

        return nodes;
    }

    private static Uri ParseUrl(string text, string name, Action<string> error)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        error($"{name} must be an absolute http(s) URL, got '{text}'.");
        return new Uri("http://invalid.invalid");
    }
}
