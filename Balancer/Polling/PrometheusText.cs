using System.Globalization;

namespace GridAspire.Balancer.Polling;

/// <summary>Reads samples out of the Prometheus text exposition format; enough for the gauges a substation exports.</summary>
public static class PrometheusText
{
    /// <summary>A sample of one metric family.</summary>
    /// <param name="Labels">The sample's labels.</param>
    /// <param name="Value">Its value.</param>
    public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>Every sample of <paramref name="metric"/> in <paramref name="text"/>.</summary>
    public static IReadOnlyList<Sample> Samples(string text, string metric)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line.AsSpan(metric.Length);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (rest.Length > 0 && rest[0] == '{')
            {
                var close = rest.IndexOf('}');
                if (close < 0)
                {
                    continue;
                }

                ParseLabels(rest[1..close].ToString(), labels);
                rest = rest[(close + 1)..];
            }
            else if (rest.Length == 0 || rest[0] != ' ')
            {
                continue; // another metric sharing this prefix, e.g. substation_load_kw_total
            }

            var valueText = rest.Trim().ToString().Split(' ')[0];
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples.Add(new Sample(labels, value));
            }
        }

        return samples;
    }

    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                labels[pair[..eq].Trim()] = pair[(eq + 1)..].Trim().Trim('"');
            }
        }
    }
}
