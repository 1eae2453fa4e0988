namespace GridAspire.Balancer.Forwarding;

/// <summary>One forwarding attempt of a charging request (a request feature shared by the proxy middlewares).</summary>
public sealed class AdmissionAttempt(bool canRetry)
{
    /// <summary>True on the first attempt: a full or unreachable substation's answer is held back for a retry.</summary>
    public bool CanRetry { get; } = canRetry;

    /// <summary>The destination tried.</summary>
    public string? DestinationId { get; set; }

    /// <summary>True when the destination was full or could not be reached and another one should be tried.</summary>
    public bool ShouldRetry { get; set; }
}
