using System.Diagnostics;

namespace GridAspire.KvNode.Diagnostics;

/// <summary>Spans of the write path: write, replicate to a peer, buffered, delivered.</summary>
public static class KvTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "GridAspire.KvNode";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts a span as a child of the write's own trace, so the dashboard shows each replica's delivery
    /// under the client's write even when it went through a batch or the buffer.
    /// </summary>
    public static Activity? StartInTraceOf(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal) =>
        ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);

    /// <summary>Records an instant in the write's trace, such as the write being buffered at a node.</summary>
    public static void Mark(string name, string? traceParent, string node)
    {
        using var activity = StartInTraceOf(name, traceParent);
        activity?.SetTag("kv.node", node);
    }
}
