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
        foreach (var line in text.Split('\n'))
        {
            if (TryRead(line, out var name, out var sample) && name == metric)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    /// <summary>
    /// The first sample of each of <paramref name="metrics"/> in <paramref name="text"/>, in one pass over it (a scrape
    /// holds every runtime and HTTP series too); a metric without a sample is absent.
    /// </summary>
    public static IReadOnlyDictionary<string, Sample> FirstSamples(string text, IReadOnlySet<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(metrics);
        var found = new Dictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            // Only the lines of the wanted families are parsed; the name is the text up to '{' or ' '.
            var end = line.IndexOfAny('{', ' ');
            if (end <= 0 || line[0] == '#' || !metrics.Contains(line[..end].ToString()) || found.ContainsKey(line[..end].ToString()))
            {
                continue;
            }

            if (TryRead(line.ToString(), out var name, out var sample))
            {
                found[name] = sample;
            }
        }

        return found;
    }

    private static bool TryRead(string raw, out string name, out Sample sample)
    {
        name = "";
        sample = null!;
        var line = raw.AsSpan().Trim();
        var end = line.IndexOfAny('{', ' ');
        if (line.Length == 0 || line[0] == '#' || end <= 0)
        {
            return false;
        }

        name = line[..end].ToString();
        var rest = line[end..];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rest[0] == '{')
        {
            var close = rest.IndexOf('}');
            if (close < 0)
            {
                return false;
            }

            ParseLabels(rest[1..close].ToString(), labels);
            rest = rest[(close + 1)..];
        }

        var valueText = rest.Trim().ToString().Split(' ')[0];
        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        sample = new Sample(labels, value);
        return true;
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
