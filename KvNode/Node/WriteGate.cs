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

    /// <summary>Null while writes are accepted; otherwise why they are refused.</summary>
    public string? Refusal => _refusal;

    /// <summary>Completes the first time the gate opens.</summary>
    public Task Ready => _opened.Task;

    /// <summary>Pulses whenever the gate opens or closes.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>Accepts client writes from now on.</summary>
    public void Open()
    {
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
}
