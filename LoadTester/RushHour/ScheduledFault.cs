using System.Diagnostics;
using System.Globalization;

namespace GridAspire.LoadTester.RushHour;

/// <summary>
/// A command run once, <see cref="At"/> into the first measured run of a rush hour (<c>--kill-at 30="docker kill x"</c>):
/// how a rush hour kills one balancer or one API mid-run, whatever runs them.
/// </summary>
/// <param name="At">When, from the run's start.</param>
/// <param name="Command">A shell command (<c>/bin/sh -c</c>).</param>
public sealed record ScheduledFault(TimeSpan At, string Command)
{
    /// <summary>Longest a fault's command may run.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    // What a command says is kept for the record, not for reading at length (fuser lists every file it could not stat).
    private const int MaxOutput = 300;

    /// <summary>Parses <c>SECONDS=COMMAND</c>; null (and an error) when malformed.</summary>
    public static ScheduledFault? Parse(string text, Action<string> error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        var parts = text.Split('=', 2);
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 86_400 && parts[1].Trim().Length > 0)
        {
            return new ScheduledFault(TimeSpan.FromSeconds(seconds), parts[1].Trim());
        }

        error($"--kill-at takes SECONDS=COMMAND (e.g. 30=\"docker-compose kill balancer2\"), not '{text}'.");
        return null;
    }

    /// <summary>Waits until <see cref="At"/> after <paramref name="start"/>, runs the command and returns what it said.</summary>
    public async Task<string> RunAsync(long start, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var wait = At - time.GetElapsedTime(start);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Command);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start /bin/sh");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return $"{Command}: still running after {CommandTimeout.TotalSeconds:0} s, stopped";
        }

        var said = (await output + await errors).Trim();
        return $"{Command}: exit {process.ExitCode}{(said.Length == 0 ? "" : ": ")}{(said.Length > MaxOutput ? said[..MaxOutput] + " ..." : said)}";
    }
}
