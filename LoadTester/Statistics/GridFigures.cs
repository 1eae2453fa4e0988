namespace GridAspire.LoadTester.Statistics;

/// <summary>
/// How loaded and how evenly loaded the grid was over a window of one-second samples (the rush hour's hold phase).
/// Fairness is judged second by second: a policy that herds every vehicle onto one substation and then the next is
/// unfair in every second even when, averaged over the window, every substation carried the same.
/// </summary>
/// <param name="MeanUtilisation">Each substation's utilisation averaged over the window.</param>
/// <param name="PeakUtilisation">Each substation's highest utilisation in any one second.</param>
/// <param name="MeanAggregateUtilisation">Load over capacity of the whole grid, averaged over the window.</param>
/// <param name="PeakAggregateUtilisation">Load over capacity of the whole grid in its busiest second.</param>
/// <param name="MeanJain">Jain's index over the substations' utilisations, computed each second, then averaged.</param>
/// <param name="MinJain">The least fair second's Jain index.</param>
/// <param name="JainOfMeans">Jain's index over <see cref="MeanUtilisation"/>: blind to herding that evens out over time.</param>
/// <param name="MeanSpread">Highest minus lowest utilisation, each second, averaged.</param>
/// <param name="MaxSpread">The largest of those per-second spreads.</param>
public sealed record GridFigures(
    IReadOnlyDictionary<string, double> MeanUtilisation,
    IReadOnlyDictionary<string, double> PeakUtilisation,
    double MeanAggregateUtilisation,
    double PeakAggregateUtilisation,
    double MeanJain,
    double MinJain,
    double JainOfMeans,
    double MeanSpread,
    double MaxSpread)
{
    /// <summary>The figures of an empty window: nothing was loaded, so nothing was unfair.</summary>
    public static GridFigures Empty { get; } = new(new Dictionary<string, double>(), new Dictionary<string, double>(), 0, 0, 1, 1, 1, 0, 0);

    /// <summary>Computes the figures from one sample per second.</summary>
    /// <param name="utilisation">Each second's utilisation per substation (0-1).</param>
    /// <param name="aggregate">Each second's total load over total capacity, in the same order.</param>
    public static GridFigures Of(IReadOnlyList<IReadOnlyDictionary<string, double>> utilisation, IReadOnlyList<double> aggregate)
    {
        ArgumentNullException.ThrowIfNull(utilisation);
        ArgumentNullException.ThrowIfNull(aggregate);
        if (utilisation.Count != aggregate.Count)
        {
            throw new ArgumentException("one aggregate per second is needed", nameof(aggregate));
        }

        if (utilisation.Count == 0)
        {
            return Empty;
        }

        var substations = utilisation.SelectMany(s => s.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var mean = substations.ToDictionary(n => n, n => utilisation.Average(s => s.GetValueOrDefault(n)), StringComparer.Ordinal);
        var peak = substations.ToDictionary(n => n, n => utilisation.Max(s => s.GetValueOrDefault(n)), StringComparer.Ordinal);
        var jains = utilisation.Select(s => Fairness.JainIndex(s.Values.ToList())).ToList();
        var spreads = utilisation.Select(s => Fairness.Spread(s.Values.ToList())).ToList();
        return new GridFigures(
            mean,
            peak,
            aggregate.Average(),
            aggregate.Max(),
            jains.Average(),
            jains.Min(),
            Fairness.JainIndex(mean.Values.ToList()),
            spreads.Average(),
            spreads.Max());
    }
}
