namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>What one sweep runs (from <see cref="SweepCommandLine"/>).</summary>
/// <param name="Seeds">How many seeds to run.</param>
/// <param name="FirstSeed">The first seed; the others follow it.</param>
/// <param name="Settings">The shape of each run.</param>
/// <param name="DataRoot">Where runs keep their data and logs.</param>
public sealed record SweepOptions(int Seeds, int FirstSeed, ChaosSettings Settings, string DataRoot);
