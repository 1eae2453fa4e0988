using System.ComponentModel.DataAnnotations;

namespace GridAspire.ChargeRequest.Configuration;

/// <summary>The public charging API (section <c>ChargeApi</c>).</summary>
public sealed record ChargeApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ChargeApi";

    /// <summary>
    /// Longest wait for the balancer's answer. Keep it above the balancer's own <c>Balancer:RequestDeadline</c> (5 s),
    /// so that a substation that hangs is reported by the balancer, not mistaken for a balancer that does not answer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BalancerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a balancer replica that could not be reached is tried only after the others: a dead or black-holed
    /// replica then costs one failed attempt per period, not one per request (a black-holed one costs the 1 s connect
    /// timeout each time). It is still tried last when no other answers, and first again once it answers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReplicaRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bearer keys that may ask for <c>"priority": "priority"</c> (an emergency service's fleet, a paid tier): priority
    /// takes power from everyone else, so it is a privilege, not a field anyone may set. Empty: nobody may.
    /// </summary>
    public IReadOnlyList<string> PriorityKeys { get; init; } = [];
}
