using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// Builds a service the way its Program does (<paramref name="add"/> is its registration, e.g. <c>AddKvNode</c>) on
    /// <paramref name="settings"/>, starts it, which must fail, and returns every message of the failure. Started
    /// directly rather than through WebApplicationFactory, which, when an app fails to start, sometimes reports its own
    /// disposed service provider instead of the app's exception (seen under CPU load).
    /// </summary>
    public static async Task<string> MessageOfStartAsync(Action<WebApplicationBuilder> add, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(add);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        try
        {
            add(builder);
            await using var app = builder.Build();
            await app.StartAsync();
            await app.StopAsync();
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
