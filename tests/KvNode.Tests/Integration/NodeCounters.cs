using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>Totals of one in-process node's counters (its own meters only, not other nodes' of the same name).</summary>
internal sealed class NodeCounters : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly MeterListener _listener;

    public NodeCounters(KvTestNode node)
    {
        var scope = node.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == scope)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    /// <summary>What <paramref name="instrument"/> counted so far, 0 if nothing.</summary>
    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
