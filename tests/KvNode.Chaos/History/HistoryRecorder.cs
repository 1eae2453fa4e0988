using System.Diagnostics;

namespace GridAspire.KvNode.Chaos.History;

/// <summary>Collects operations and faults from concurrent sessions and the fault injector, timed from one clock.</summary>
public sealed class HistoryRecorder
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Operation> _operations = [];
    private readonly List<FaultEvent> _faults = [];

    /// <summary>Time since the run started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Reserves the next history index for an operation being invoked now.</summary>
    public (int Index, TimeSpan Invoked) Invoke()
    {
        lock (_gate)
        {
            _operations.Add(null!);
            return (_operations.Count - 1, _clock.Elapsed);
        }
    }

    /// <summary>Records how the operation reserved as <paramref name="operation"/>'s index ended.</summary>
    public void Complete(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_gate)
        {
            _operations[operation.Index] = operation;
        }
    }

    /// <summary>Records an injected fault.</summary>
    public void Fault(string kind, string description)
    {
        lock (_gate)
        {
            _faults.Add(new FaultEvent(_clock.Elapsed, kind, description));
        }
    }

    /// <summary>The operations, in invocation order (every invoked one must have completed).</summary>
    public IReadOnlyList<Operation> Operations
    {
        get
        {
            lock (_gate)
            {
                return [.. _operations];
            }
        }
    }

    /// <summary>The faults, in order.</summary>
    public IReadOnlyList<FaultEvent> Faults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }
}
