using System.Globalization;

namespace GridAspire.TestSupport;

/// <summary>
/// Reads a service's <c>/metrics</c> in a test: the value of a sample picked by its metric name and some of its labels.
/// Exporters add labels of their own (OpenTelemetry's <c>otel_scope_name</c>), so a test never matches whole lines.
/// </summary>
public static class MetricsText
{
    /// <summary>The first sample of <paramref name="metric"/> carrying every one of <paramref name="labels"/>; null when there is none.</summary>
    public static double? Value(string text, string metric, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var labelText = close > 0 ? line[(metric.Length + 1)..close] : "";
            if (labels.All(l => labelText.Split(',').Contains($"{l.Name}=\"{l.Value}\"")))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary><see cref="Value"/> of a scrape of <paramref name="http"/>'s <c>/metrics</c>.</summary>
    public static async Task<double?> ReadAsync(HttpClient http, string metric, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Value(await http.GetStringAsync("/metrics"), metric, labels);
    }
}
