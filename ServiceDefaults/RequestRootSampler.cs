using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps a trace only when it starts with a request this service received. A span with no parent that is not a server
/// span is background work nobody asked for (a poll of /metrics, a status check, replication of a write made without a
/// trace): recording it would bury the requests' traces. Children follow their parent (wrap in <see cref="ParentBasedSampler"/>).
/// </summary>
public sealed class RequestRootSampler : Sampler
{
    /// <inheritdoc/>
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Server ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
}
