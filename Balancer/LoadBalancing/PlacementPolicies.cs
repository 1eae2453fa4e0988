using GridAspire.Balancer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>Every placement policy, and the one in use (switched at run time by <c>PUT /balancer/policy</c>).</summary>
public sealed class PlacementPolicies
{
    private readonly Dictionary<string, IPlacementPolicy> _byName;
    private volatile IPlacementPolicy _current;

    /// <summary>Creates the policies and selects the configured one.</summary>
    public PlacementPolicies(IEnumerable<IPlacementPolicy> policies, IOptions<BalancerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _byName = policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _current = _byName[options.Value.Policy];
    }

    /// <summary>The policy in use.</summary>
    public IPlacementPolicy Current => _current;

    /// <summary>Every policy's name.</summary>
    public IReadOnlyCollection<string> Names => [.. _byName.Values.Select(p => p.Name)];

    /// <summary>Switches to <paramref name="name"/> (any case); false when there is no such policy.</summary>
    public bool TrySelect(string? name)
    {
        if (name is null || !_byName.TryGetValue(name, out var policy))
        {
            return false;
        }

        _current = policy;
        return true;
    }
}
