using System.Text.RegularExpressions;

namespace GridAspire.AppHost.Publishing;

/// <summary>
/// Turns Aspire's publish-mode value expressions into compose terms: every service listens on 8080 inside the
/// compose network and is reached by its service name; parameters come from <c>.env</c>.
/// </summary>
internal static partial class ComposeValues
{
    /// <summary>Container port every GridAspire image listens on (see the Dockerfiles).</summary>
    public const int ContainerPort = 8080;

    /// <summary>Rewrites the expressions in <paramref name="value"/>.</summary>
    public static string Translate(string value) =>
        Expression().Replace(value, m => (m.Groups["resource"].Value, m.Groups["property"].Value) switch
        {
            (var resource, "bindings.http.url") => $"http://{resource}:{ContainerPort}",
            (var resource, "bindings.http.host") => resource,
            (_, "bindings.http.port" or "bindings.http.targetPort") => $"{ContainerPort}",
            (var parameter, "value") => $"${{{EnvName(parameter)}}}",
            _ => m.Value,
        });

    /// <summary>The <c>.env</c> variable holding a parameter: <c>kv-cluster-key</c> becomes <c>KV_CLUSTER_KEY</c>.</summary>
    public static string EnvName(string parameter) => parameter.Replace('-', '_').ToUpperInvariant();

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.(?<property>[A-Za-z.]+)\}")]
    private static partial Regex Expression();
}
