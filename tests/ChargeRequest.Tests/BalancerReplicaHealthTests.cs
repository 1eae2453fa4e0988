using System.Diagnostics.Metrics;
using GridAspire.ChargeRequest.Charging;
using GridAspire.ChargeRequest.Configuration;
using GridAspire.ChargeRequest.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>A replica that could not be reached goes to the end of the turn, for a while or until it answers.</summary>
public sealed class BalancerReplicaHealthTests : IDisposable
{
    private static readonly Uri A = new("http://a:8080"), B = new("http://b:8080"), C = new("http://c:8080");
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly BalancerReplicaHealth _health;

    public BalancerReplicaHealthTests() =>
        _health = new BalancerReplicaHealth(
            Options.Create(new ChargeApiOptions { ReplicaRetryAfter = TimeSpan.FromSeconds(5) }),
            new ChargeMetrics(_services.GetRequiredService<IMeterFactory>()),
            _time,
            NullLogger<BalancerReplicaHealth>.Instance);

    [Fact]
    public void A_replica_that_failed_is_tried_last_until_the_period_passes_and_first_again_once_it_answers()
    {
        var turn = new BalancerTurn([A, B, C], 0);
        Assert.Same(turn.Addresses, _health.PreferAnswering(turn).Addresses); // nobody failed: the turn as it is

        _health.Failed(A, "connection refused");
        Assert.Equal([B, C, A], Order(_health.PreferAnswering(turn)));
        Assert.Equal([C, B, A], Order(_health.PreferAnswering(turn with { First = 2 }))); // C's turn: then B, A last
        _time.Advance(TimeSpan.FromSeconds(4));
        _health.Failed(A, "connection refused"); // failing again starts the period again
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal([B, C, A], Order(_health.PreferAnswering(turn)));

        _time.Advance(TimeSpan.FromSeconds(2)); // 6 s since its last failure: tried in turn again, once
        Assert.Equal([A, B, C], Order(_health.PreferAnswering(turn)));

        _health.Failed(A, "connection refused");
        _health.Answered(A);
        Assert.Equal([A, B, C], Order(_health.PreferAnswering(turn)));
    }

    private static List<Uri> Order(BalancerTurn turn) => [.. Enumerable.Range(0, turn.Count).Select(i => turn[i])];

    public void Dispose() => _services.Dispose();
}
