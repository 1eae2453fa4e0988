namespace GridAspire.TestSupport;

/// <summary>What a service says when it refuses to start.</summary>
public static class StartupFailure
{
    /// <summary>
    /// Runs <paramref name="start"/>, which must fail, and returns every message of the exception and its inner ones,
    /// so a test can check the operator is told which setting is wrong.
    /// </summary>
    public static string MessageOf(Action start)
    {
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            start();
        }
        catch (Exception exception)
        {
            return string.Join(" | ", Flatten(exception).Select(e => e.Message));
        }

        throw new InvalidOperationException("The service started although its configuration is invalid.");
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }
}
