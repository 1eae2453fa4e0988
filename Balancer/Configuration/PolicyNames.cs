namespace GridAspire.Balancer.Configuration;

/// <summary>The names of the placement policies the balancer can run: the values of <c>Balancer:Policy</c> and of <c>PUT /balancer/policy</c>.</summary>
public static class PolicyNames
{
    /// <summary>Ours: polled load plus what was sent since, least utilisation after placing the request.</summary>
    public const string LeastLoad = "LeastLoad";

    /// <summary>The herding baseline: argmin of the last poll, blind to what was sent since.</summary>
    public const string NaiveLeastLoaded = "NaiveLeastLoaded";

    /// <summary>YARP's built-in power-of-two-choices (on in-flight requests).</summary>
    public const string PowerOfTwoChoices = "PowerOfTwoChoices";

    /// <summary>YARP's built-in round robin.</summary>
    public const string RoundRobin = "RoundRobin";

    /// <summary>Every valid name.</summary>
    public static IReadOnlyList<string> All { get; } = [LeastLoad, NaiveLeastLoaded, PowerOfTwoChoices, RoundRobin];
}
