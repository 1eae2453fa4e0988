namespace GridAspire.ChargeRequest.Charging;

/// <summary>The balancer replicas in the order one request tries them: from <paramref name="First"/> on, wrapping round.</summary>
/// <param name="Addresses">Every replica's base address (shared between requests: never modified).</param>
/// <param name="First">Where this request starts.</param>
public readonly record struct BalancerTurn(Uri[] Addresses, int First)
{
    /// <summary>How many replicas there are.</summary>
    public int Count => Addresses.Length;

    /// <summary>The <paramref name="attempt"/>-th replica to try (any attempt number: it wraps round).</summary>
    public Uri this[int attempt] => Addresses[(First + attempt) % Addresses.Length];
}
