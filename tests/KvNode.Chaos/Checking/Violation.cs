using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>One broken property, with the few operations that show it.</summary>
/// <param name="Kind">Which property.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="Excerpt">The minimal history excerpt: the operations involved, in history order.</param>
public sealed record Violation(ViolationKind Kind, string Message, IReadOnlyList<Operation> Excerpt)
{
    /// <summary>Creates a violation whose excerpt is <paramref name="operations"/> in history order, without repeats.</summary>
    public static Violation Of(ViolationKind kind, string message, params Operation?[] operations) =>
        new(kind, message, operations.OfType<Operation>().DistinctBy(o => o.Index).OrderBy(o => o.Index).ToList());

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kind}: {Message}" + string.Concat(Excerpt.Select(o => Environment.NewLine + "    " + o));
}
