namespace GridAspire.KvNode.Core;

/// <summary>
/// Wakes everyone waiting for something to change: the clock moved, there is a write to replicate, a link's
/// faults changed. Waiters take <see cref="Next"/> before checking their condition, so a pulse between the
/// check and the wait is never missed; nothing polls.
/// </summary>
public sealed class AsyncSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next pulse.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every current waiter.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
