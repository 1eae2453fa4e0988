using Spectre.Console;

namespace GridAspire.LoadTester.Cli;

/// <summary>The console the tester writes to.</summary>
public static class Terminal
{
    /// <summary>Width of tables when the output goes to a file or a pipe, where nothing would wrap them.</summary>
    public const int RedirectedWidth = 220;

    /// <summary>
    /// The standard console; when output is redirected, one wide enough that no table wraps (Spectre would assume 80
    /// columns and fold every row into unreadable pieces).
    /// </summary>
    public static IAnsiConsole Console()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
