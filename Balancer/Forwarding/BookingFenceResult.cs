namespace GridAspire.Balancer.Forwarding;

/// <summary>What fencing a retried booking at every substation found.</summary>
/// <param name="Clear">True when every substation fenced it and none had admitted it: place it as a new booking.</param>
/// <param name="FoundAt">The substation where an earlier attempt was admitted (then <paramref name="Session"/> holds its session).</param>
/// <param name="Session">The admitted session's JSON, as the substation gave it.</param>
/// <param name="Unknown">Why the booking's fate is unknown (a substation did not answer, or holds an attempt in flight).</param>
internal sealed record BookingFenceResult(bool Clear, string? FoundAt = null, string? Session = null, string? Unknown = null);
