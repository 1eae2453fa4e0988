using System.CommandLine;
using System.CommandLine.Parsing;

namespace GridAspire.CommandLine;

/// <summary>
/// Runs a tool's command tree the way people expect of command-line tools: no arguments, <c>help</c>, <c>-h</c> and
/// <c>--help</c> print the usage and exit 0; a parse error prints one line per error and where to find the usage, and
/// exits 2; a service that is unreachable or does not answer in time ends the command with one line and exit 2,
/// never a stack trace.
/// </summary>
public static class CommandLineRunner
{
    /// <summary>Exit code of a usage error or a failure to reach a service.</summary>
    public const int Failed = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and invokes the chosen command.</summary>
    /// <param name="root">The tool's commands.</param>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the usage goes (default: standard output).</param>
    /// <param name="error">Where errors go (default: standard error).</param>
    /// <param name="cancellationToken">Ends the command (System.CommandLine also ends it on Ctrl+C).</param>
    public static async Task<int> RunAsync(
        RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        string[] normalised = args switch
        {
            [] or ["help"] => ["--help"],
            ["help", .. var rest] => [.. rest, "--help"],
            _ => args,
        };
        var parse = root.Parse(normalised);
        if (parse.Errors.Count > 0)
        {
            foreach (var message in parse.Errors.Select(e => e.Message).Distinct())
            {
                await error.WriteLineAsync($"error: {message}");
            }

            await error.WriteLineAsync($"Usage: {string.Join(' ', CommandPath(parse.CommandResult))} --help");
            return Failed;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, cancellationToken);
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            await error.WriteLineAsync($"error: {Describe(ex)}");
            return Failed;
        }
    }

    private static IEnumerable<string> CommandPath(CommandResult? command) =>
        command is null ? [] : CommandPath(command.Parent as CommandResult).Append(command.Command.Name);

    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException or TimeoutException => "no answer within --timeout (is the service up, and not hung?)",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => $"could not connect: {ex.Message}",
        _ => ex.Message,
    };
}
