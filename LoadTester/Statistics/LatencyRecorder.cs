using HdrHistogram;

namespace GridAspire.LoadTester.Statistics;

/// <summary>Thread-safe latency recording in microseconds (HdrHistogram, 3 significant digits, up to 60 s).</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly LongHistogram _histogram = new(60_000_000, 3);

    /// <summary>Number of recorded values.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        lock (_gate)
        {
            _histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, 60_000_000));
        }
    }

    /// <summary>The latency at <paramref name="percentile"/> (0-100) in milliseconds; zero when empty.</summary>
    public double Percentile(double percentile)
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    /// <summary>The largest latency in milliseconds.</summary>
    public double Max()
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;
        }
    }
}
