using GridAspire.CommandLine;
using GridAspire.KvNode.Chaos.Sweep;

// The long sweep: dotnet run --project tests/KvNode.Chaos -- --seeds 200
// Replay one seed: dotnet run --project tests/KvNode.Chaos -- --seeds 1 --first-seed 42
var sweep = new SweepCommandLine((options, cancellationToken) => SweepCommand.RunAsync(options, Console.Out, cancellationToken));
return await CommandLineRunner.RunAsync(sweep.Root, args);
