namespace GridAspire.ChargeRequest.Charging;

/// <summary>What the grid said about an existing session.</summary>
/// <param name="Json">The session as its substation describes it, when found.</param>
/// <param name="Found">True when found; false with <paramref name="Unknown"/> when no substation has it.</param>
/// <param name="Unknown">True when the grid says no such session exists.</param>
/// <param name="Detail">Why it could not be read otherwise.</param>
/// <param name="RetryAfter">How long to wait, when it may work later.</param>
public sealed record SessionReply(string? Json, bool Found, bool Unknown, string? Detail = null, TimeSpan? RetryAfter = null);
