using System.Globalization;
using System.Text.RegularExpressions;

namespace GridAspire.AppHost.Publishing;

/// <summary>
/// Turns Aspire's publish-mode value expressions into compose terms: every service listens on 8080 inside the
/// compose network and is reached by its service name; an endpoint of another protocol (the shared store's Redis port)
/// keeps the port it declares; parameters come from <c>.env</c>.
/// </summary>
internal static partial class ComposeValues
{
    /// <summary>Container port every GridAspire image listens on (see the Dockerfiles).</summary>
    public const int ContainerPort = 8080;

    /// <summary>
    /// Rewrites the expressions in <paramref name="value"/>; <paramref name="declaredPorts"/> maps
    /// <c>resource.endpoint</c> to the port a non-HTTP endpoint declares.
    /// </summary>
    public static string Translate(string value, IReadOnlyDictionary<string, int>? declaredPorts = null) =>
        Expression().Replace(value, m => (m.Groups["resource"].Value, m.Groups["endpoint"].Value, m.Groups["property"].Value) switch
        {
            (var resource, "http", "url") => $"http://{resource}:{ContainerPort}",
            (var resource, not "", "host") => resource,
            (_, "http", "port" or "targetPort") => $"{ContainerPort}",
            (var resource, not "" and var endpoint, "port" or "targetPort") when declaredPorts?.TryGetValue($"{resource}.{endpoint}", out var port) == true =>
                port.ToString(CultureInfo.InvariantCulture),
            (var parameter, "", "value") => $"${{{EnvName(parameter)}}}",
            _ => m.Value,
        });

    /// <summary>The <c>.env</c> variable holding a parameter: <c>kv-cluster-key</c> becomes <c>KV_CLUSTER_KEY</c>.</summary>
    public static string EnvName(string parameter) => parameter.Replace('-', '_').ToUpperInvariant();

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.(?:bindings\.(?<endpoint>[a-z0-9-]+)\.)?(?<property>[A-Za-z]+)\}")]
    private static partial Regex Expression();
}
