using GridAspire.CommandLine;
using GridAspire.LoadTester.Cli;

return await CommandLineRunner.RunAsync(LoadTesterCommandLine.Build(Terminal.Console(), TimeProvider.System), args);
