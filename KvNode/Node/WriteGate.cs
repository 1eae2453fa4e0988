using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Whether the node may accept client writes. Closed at start until the node knows it will not reuse a
/// (node, counter) pair (see OwnSequenceGuard); reads never wait for it.
/// </summary>
public sealed class WriteGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _refusal = "the node is starting and checking with its peers";
    private volatile bool _closedForGood;

    /// <summary>Null while writes are accepted; otherwise why they are refused.</summary>
    public string? Refusal => _refusal;

    /// <summary>Completes the first time the gate opens.</summary>
    public Task Ready => _opened.Task;

    /// <summary>Pulses whenever the gate opens or closes.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>Accepts client writes from now on.</summary>
    public void Open()
    {
        if (_closedForGood)
        {
            return;
        }

        _refusal = null;
        _opened.TrySetResult();
        Changed.Pulse();
    }

    /// <summary>Refuses client writes, saying why.</summary>
    public void Close(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        _refusal = reason;
        Changed.Pulse();
    }

    /// <summary>Refuses client writes from now on, whatever else would open the gate (the node was removed from the cluster).</summary>
    public void CloseForGood(string reason)
    {
        _closedForGood = true;
        Close(reason);
    }
}
