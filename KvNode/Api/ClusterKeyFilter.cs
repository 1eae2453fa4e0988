using System.Security.Cryptography;
using System.Text;
using GridAspire.KvNode.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Api;

/// <summary>
/// Admits only callers that present the cluster key as <c>Authorization: Bearer &lt;key&gt;</c>; everyone else
/// gets 401 and nothing changes. The comparison takes the same time whatever the guess, and the key is never logged.
/// </summary>
public sealed class ClusterKeyFilter(IOptions<KvOptions> options) : IEndpointFilter
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.ClusterKey);

    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())
            : [];
        if (CryptographicOperations.FixedTimeEquals(presented, _key))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            "This endpoint is for cluster members: send the cluster key as 'Authorization: Bearer <key>'.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Cluster key required"));
    }
}
