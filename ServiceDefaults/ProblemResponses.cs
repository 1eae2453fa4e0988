using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every error leaves as RFC 9457 problem+json: bad requests with their own 4xx status (never a 500, never logged as
/// an error), empty-bodied 4xx/5xx with a body, unhandled exceptions as 500 without internals.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Registers the problem details service used by the exception handler and status code pages.</summary>
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        // Outside Development minimal APIs answer a binding failure with a bare 400 and no reason; throwing in
        // every environment lets the exception handler say what was wrong, the same way everywhere.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        // A number is a JSON number: "30" in quotes is refused, not quietly read as 30 (the web defaults allow it).
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return services.AddProblemDetails();
    }

    /// <summary>Adds the exception handler and status code pages; call first, before anything that can fail.</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException badRequest
                ? badRequest.StatusCode
                : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
