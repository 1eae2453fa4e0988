namespace GridAspire.LoadTester.Statistics;

/// <summary>How evenly load is spread.</summary>
public static class Fairness
{
    /// <summary>
    /// Jain's fairness index (sum x)^2 / (n * sum x^2): 1 when every value is equal, 1/n when one takes everything.
    /// An empty or all-zero input counts as perfectly fair.
    /// </summary>
    public static double JainIndex(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sumSquares = values.Sum(v => v * v);
        return values.Count == 0 || sumSquares == 0 ? 1 : Math.Pow(values.Sum(), 2) / (values.Count * sumSquares);
    }

    /// <summary>Largest minus smallest value; zero for an empty input.</summary>
    public static double Spread(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? 0 : values.Max() - values.Min();
    }
}
