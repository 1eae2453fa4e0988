using Spectre.Console;

namespace GridAspire.LoadTester.Tests;

/// <summary>A console that writes nowhere and never asks anything, for commands run inside a test.</summary>
internal static class SilentConsole
{
    public static IAnsiConsole Create() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
}
