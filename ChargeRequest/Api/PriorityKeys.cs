using System.Security.Cryptography;
using System.Text;

namespace GridAspire.ChargeRequest.Api;

/// <summary>Who may ask for priority charging: callers presenting one of <c>ChargeApi:PriorityKeys</c> as a bearer token.</summary>
internal static class PriorityKeys
{
    /// <summary>True when <paramref name="request"/> carries one of <paramref name="keys"/>, compared in constant time.</summary>
    public static bool Allow(HttpRequest request, IReadOnlyList<string> keys)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        var allowed = false;
        foreach (var key in keys)
        {
            allowed |= key.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key));
        }

        return allowed;
    }
}
