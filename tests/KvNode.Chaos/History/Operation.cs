namespace GridAspire.KvNode.Chaos.History;

/// <summary>One client operation of the history, from invocation to completion.</summary>
/// <param name="Index">Position in the history, in invocation order.</param>
/// <param name="Session">The client session that issued it (operations of a session are sequential).</param>
/// <param name="Node">The node it was sent to.</param>
/// <param name="Kind">Read, write or delete.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value written (writes only; unique in the run).</param>
/// <param name="Outcome">Ok, fail or info.</param>
/// <param name="Result">For an ok write or delete, the version it created; for an ok read, the version it returned (null: absent).</param>
/// <param name="Invoked">When it was sent, from the start of the run.</param>
/// <param name="Completed">When its answer (or error) came back.</param>
/// <param name="Error">Status code or exception, for fail and info.</param>
public sealed record Operation(
    int Index,
    int Session,
    string Node,
    OpKind Kind,
    string Key,
    string? Value,
    Outcome Outcome,
    Observation? Result,
    TimeSpan Invoked,
    TimeSpan Completed,
    string? Error = null)
{
    /// <summary>
    /// For one key of a batch read (<c>POST /batch/read</c>) or of a multi-key write (<c>POST /batch/write</c>), the index
    /// of the batch's first key: the keys of one batch share it (read from one cut, or written as one write with one
    /// identity and clock). Null for a single-key operation.
    /// </summary>
    public int? Batch { get; init; }

    /// <summary>True for writes and deletes.</summary>
    public bool IsWrite => Kind is OpKind.Write or OpKind.Delete;

    private string InBatch => Batch is { } batch ? $" (batch #{batch})" : "";

    /// <inheritdoc/>
    public override string ToString()
    {
        var what = Kind switch
        {
            OpKind.Write => $"write {Key}={Value}{InBatch}",
            OpKind.Delete => $"delete {Key}{InBatch}",
            _ when Batch is { } batch => $"read {Key} (batch #{batch})",
            _ => $"read {Key}",
        };
        var result = Outcome switch
        {
            Outcome.Ok when Result is null => "-> absent",
            Outcome.Ok => $"-> {Result.Value ?? "(deleted)"} {Result.Id} {ClockText.Show(Result.Clock)}",
            _ => $"{Outcome.ToString().ToUpperInvariant()} {Error}",
        };
        return $"#{Index} s{Session}@{Node} {Invoked.TotalMilliseconds:0}ms {what} {result}";
    }
}
