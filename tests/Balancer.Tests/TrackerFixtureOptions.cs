using GridAspire.Balancer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Tests;

/// <summary>Fixed options for classes that take an options monitor.</summary>
internal sealed class TrackerFixtureOptions(BalancerOptions value) : IOptionsMonitor<BalancerOptions>
{
    public BalancerOptions CurrentValue => value;

    public BalancerOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<BalancerOptions, string?> listener) => null;
}
