using GridAspire.LoadTester.RushHour;

namespace GridAspire.LoadTester.Cli;

/// <summary>What one <c>loadtester rush</c> invocation runs.</summary>
/// <param name="Target">The charging API.</param>
/// <param name="Balancer">The balancer, read for its view of the grid and steered to switch policies.</param>
/// <param name="AdminKey">The balancer's admin key, needed to switch policies.</param>
/// <param name="Seed">Seed of the arrivals.</param>
/// <param name="Profile">The rush hour's shape.</param>
/// <param name="Mix">The vehicles.</param>
/// <param name="Compare">Policies to compare; empty for a single run.</param>
/// <param name="StalePollSeconds">Poll interval of the stale-poll runs of a comparison (0 skips them).</param>
/// <param name="Policy">Policy to switch to before a single run, if any.</param>
/// <param name="Output">The one folder this invocation writes into.</param>
/// <param name="RequestTimeout">Longest wait for one answer from the API or the balancer.</param>
/// <param name="Allocations">Allocation modes to compare (<c>Fixed</c>, <c>Shared</c>) with LeastLoad; empty for none.</param>
/// <param name="AlsoTargets">Other charging API replicas, to fail over to with the same Idempotency-Key.</param>
/// <param name="Faults">Commands run during the first measured run (<c>--kill-at</c>).</param>
public sealed record RushHourSettings(
    Uri Target,
    Uri Balancer,
    string? AdminKey,
    int Seed,
    RushHourProfile Profile,
    VehicleMix Mix,
    IReadOnlyList<string> Compare,
    double StalePollSeconds,
    string? Policy,
    string Output,
    TimeSpan RequestTimeout,
    IReadOnlyList<string>? Allocations = null,
    IReadOnlyList<Uri>? AlsoTargets = null,
    IReadOnlyList<ScheduledFault>? Faults = null);
