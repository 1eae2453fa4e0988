using GridAspire.CommandLine;
using GridAspire.KvClient.Cli;
using Spectre.Console;

return await CommandLineRunner.RunAsync(KvClientCommandLine.Build(AnsiConsole.Console), args);
