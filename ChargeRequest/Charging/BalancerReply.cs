using System.Net;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>What the balancer answered.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response body, as sent.</param>
/// <param name="RetryAfter">The Retry-After header, if any.</param>
public sealed record BalancerReply(HttpStatusCode Status, string Body, string? RetryAfter);
