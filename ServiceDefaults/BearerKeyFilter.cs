using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Admits only callers that present a shared secret as <c>Authorization: Bearer &lt;key&gt;</c>; a caller that presents
/// no bearer key gets 401 (with <c>WWW-Authenticate</c>), one that presents a wrong one 403 (authenticating again cannot
/// help: the key is wrong), both problem+json, and nothing changes. With no key configured the endpoints are closed
/// (403), never open. The
/// comparison takes the same time whatever the guess, and the key is never logged.
/// </summary>
/// <param name="keyOf">The configured key, read per request from the request's services (null or empty: none).</param>
/// <param name="setting">The setting that holds the key, named in the answers so an operator knows what to set.</param>
public sealed class BearerKeyFilter(Func<IServiceProvider, string?> keyOf, string setting) : IEndpointFilter
{
    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (keyOf(http.RequestServices) is not { Length: > 0 } key)
        {
            return ValueTask.FromResult<object?>(Results.Problem(
                $"This endpoint is disabled: no {setting} is configured.", statusCode: StatusCodes.Status403Forbidden, title: "Disabled"));
        }

        if (Presents(http.Request, [key]))
        {
            return next(context);
        }

        if (PresentsAny(http.Request))
        {
            return ValueTask.FromResult<object?>(Results.Problem(
                $"The bearer key presented is not the {setting}.", statusCode: StatusCodes.Status403Forbidden, title: "Key not accepted"));
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(Results.Problem(
            $"Send the {setting} as 'Authorization: Bearer <key>'.", statusCode: StatusCodes.Status401Unauthorized, title: "Key required"));
    }

    // A bearer key of some kind, right or wrong.
    private static bool PresentsAny(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim().Length > 0;
    }

    /// <summary>
    /// True when <paramref name="request"/> presents one of <paramref name="keys"/> (empty ones never match) as
    /// <c>Authorization: Bearer &lt;key&gt;</c>; every key is compared, each in constant time.
    /// </summary>
    public static bool Presents(HttpRequest request, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())
            : [];
        var matched = false;
        foreach (var key in keys)
        {
            matched |= key.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key));
        }

        return matched;
    }
}
