using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Chaos;

/// <summary>
/// Faults injected on this node's outgoing link to one peer: hold (queue everything), delay with jitter,
/// drop a fraction of batches, reorder a batch. Seeded, so a test or a demo replays the same faults.
/// </summary>
public sealed class LinkFaults
{
    private readonly Lock _gate = new();
    private LinkFaultSettings _settings = LinkFaultSettings.None;
    private Random _random = new(0);
    private bool _held;

    /// <summary>Pulses when the faults change, so a held link resumes at once on release.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>True while the link queues everything.</summary>
    public bool Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>The current delay, jitter, drop and reorder settings.</summary>
    public LinkFaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    /// <summary>Holds or releases the link.</summary>
    public void SetHeld(bool held)
    {
        lock (_gate)
        {
            _held = held;
        }

        Changed.Pulse();
    }

    /// <summary>Replaces the delay, jitter, drop and reorder settings and reseeds the random source.</summary>
    public void Configure(LinkFaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _settings = settings;
            _random = new Random(settings.Seed);
        }

        Changed.Pulse();
    }

    /// <summary>Decides, for one send, how long to delay it, whether it is lost, and in what order it goes.</summary>
    public LinkSendPlan Plan(IReadOnlyList<ReplicatedWrite> batch)
    {
        lock (_gate)
        {
            var s = _settings;
            var delay = TimeSpan.FromMilliseconds(s.DelayMs + (s.JitterMs > 0 ? _random.Next(0, s.JitterMs + 1) : 0));
            var drop = s.DropRate > 0 && _random.NextDouble() < s.DropRate;
            var writes = s.Reorder ? batch.OrderBy(_ => _random.Next()).ToList() : batch;
            return new LinkSendPlan(delay, drop, writes);
        }
    }
}
