using System.ComponentModel.DataAnnotations;

namespace GridAspire.Balancer.Configuration;

/// <summary>The balancer (section <c>Balancer</c>).</summary>
public sealed record BalancerOptions
{
    /// <summary>The shortest <see cref="PollInterval"/> (also the least <c>PUT /balancer/policy</c> accepts).</summary>
    public const string ShortestPollInterval = "00:00:00.050";

    /// <summary>The longest <see cref="PollInterval"/> (also the most <c>PUT /balancer/policy</c> accepts).</summary>
    public const string LongestPollInterval = "00:10:00";

    /// <summary>The configuration section.</summary>
    public const string SectionName = "Balancer";

    /// <summary>Substations by name and base URL (the AppHost passes each substation's own endpoint).</summary>
    public Dictionary<string, Uri> Substations { get; init; } = [];

    /// <summary>
    /// A URL whose host name resolves to every substation replica (compose <c>deploy.replicas</c>, a Kubernetes
    /// headless service). Each address becomes one destination, re-resolved every <see cref="DnsRefreshInterval"/>.
    /// </summary>
    public Uri? DnsSubstations { get; init; }

    /// <summary>How often <see cref="DnsSubstations"/> is resolved again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DnsRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The load-balancing policy: LeastLoad, PowerOfTwoChoices, RoundRobin or NaiveLeastLoaded.</summary>
    [Required(ErrorMessage = "Balancer:Policy is required.")]
    public string Policy { get; init; } = PolicyNames.LeastLoad;

    /// <summary>How often each substation's <c>/metrics</c> is polled.</summary>
    [Range(typeof(TimeSpan), ShortestPollInterval, LongestPollInterval)]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Random spread of the poll interval (0.2 = plus or minus 20 %), so balancers do not poll in lockstep.</summary>
    [Range(0, 0.9)]
    public double PollJitter { get; init; } = 0.2;

    /// <summary>Timeout of one poll; a poll that fails marks the substation unhealthy until one succeeds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A snapshot older than this is stale: LeastLoad then falls back to power-of-two-choices on its estimates.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After recovering, a substation's share ramps up over this window instead of being flooded.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SlowStart { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest wait for a connection to a substation. A host that is down or black-holed costs at most this before the
    /// request is placed elsewhere.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait for a substation's response headers once the request is sent. A substation that accepts the
    /// connection and never answers (hung) costs at most this; it is then marked unhealthy and the request is placed
    /// elsewhere. It is also the deadline the substation is given (<c>X-Request-Deadline</c>): past it, it must not
    /// admit the request, since the vehicle may be booked elsewhere by then.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest a charging request may spend in the balancer over all its attempts; no new attempt starts when less
    /// than one attempt's worth is left. Keep it well under the public API's own timeout to the balancer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The key <c>PUT /balancer/policy</c> demands as a bearer token: switching the policy changes how the whole grid is
    /// balanced. Unset, the endpoint is disabled (403).
    /// </summary>
    [MinLength(16, ErrorMessage = "Balancer:AdminKey must be at least 16 characters.")]
    public string? AdminKey { get; init; }

    /// <summary>This replica's name, said by <c>/balancer/state</c> (the AppHost passes its resource name; default: the host name).</summary>
    [Required(ErrorMessage = "Balancer:Replica is required.")]
    public string Replica { get; init; } = Environment.MachineName;

    /// <summary>
    /// The other balancer replicas by name and base URL: a policy switched at one (<c>PUT /balancer/policy</c>) is passed
    /// on to every one of them, so the grid is balanced one way. Empty for a single balancer.
    /// </summary>
    public Dictionary<string, Uri> Peers { get; init; } = [];

    /// <summary><see cref="Peers"/> but this replica: a list of every replica (a StatefulSet's pods share one) names it too.</summary>
    public IReadOnlyList<KeyValuePair<string, Uri>> OtherReplicas() =>
        [.. Peers.Where(p => !string.Equals(p.Key, Replica, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Power assumed for a request whose body does not say (it is validated by the substation anyway).</summary>
    [Range(0.001, 1_000)]
    public double DefaultRequestKw { get; init; } = 11;
}
