using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request the framework could not bind (malformed JSON, a string where a number belongs, a body too large) is the
/// client's mistake, not the server's: it is answered with its 4xx problem and logged at Debug, never as an Error with
/// a stack trace. The detail says where the body went wrong in the client's terms (the JSON path), not in the
/// service's (parameter and .NET type names).
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var detail = Describe(badRequest, httpContext);
        LogBadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, detail);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = badRequest.StatusCode, Title = "Invalid request", Detail = detail },
        });
    }

    /// <summary>What was wrong with the request, without the service's internals.</summary>
    public static string Describe(BadHttpRequestException exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        return exception.InnerException switch
        {
            JsonException { Path: { Length: > 0 } path } when path != "$" =>
                $"The request body could not be read: the value at '{path}' is malformed, out of range or of the wrong type{Expected(context, path)}.",
            JsonException => "The request body is not valid JSON.",
            _ when exception.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            _ when exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "The request body is missing or could not be read.",
            _ => "The request could not be read.",
        };
    }

    // System.Text.Json's message names the record, not the member; the endpoint's declared body type says what the
    // member should have been, in JSON's terms.
    private static string Expected(HttpContext context, string path)
    {
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var name = path.StartsWith("$.", StringComparison.Ordinal) && path.IndexOfAny(['.', '['], 2) < 0 ? path[2..] : null;
        var member = name is null ? null : bodyType?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        var type = member is null ? null : Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType;
        return type switch
        {
            null => " (numbers are JSON numbers such as 30, not strings such as \"30\")",
            _ when type == typeof(string) => " (it must be a JSON string such as \"ev-1\")",
            _ when type == typeof(bool) => " (it must be true or false)",
            _ when type.IsPrimitive || type == typeof(decimal) => " (it must be a JSON number such as 30, not a string such as \"30\")",
            _ => "",
        };
    }

    [LoggerMessage(1, LogLevel.Debug, "Refused a malformed request {Method} {Path}: {Detail}")]
    private static partial void LogBadRequest(ILogger logger, string method, PathString path, string detail);
}
