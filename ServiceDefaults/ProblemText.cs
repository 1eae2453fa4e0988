using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every service puts the same way into a problem response.</summary>
public static class ProblemText
{
    /// <summary>Longest caller-supplied text (an id from the URL) a problem echoes back whole.</summary>
    public const int MaxEchoed = 64;

    /// <summary>The <c>Retry-After</c> of a refusal that may well succeed a moment later (a node still starting, a store busy).</summary>
    public static readonly TimeSpan RetrySoon = TimeSpan.FromSeconds(1);

    /// <summary><paramref name="text"/> as a problem may echo it: at most <see cref="MaxEchoed"/> characters, then an ellipsis.</summary>
    public static string Echo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxEchoed ? text : string.Concat(text.AsSpan(0, MaxEchoed), "…");
    }

    /// <summary>Sets <c>Retry-After</c> to <paramref name="after"/> (whole seconds, at least 1; <see cref="RetrySoon"/> when null).</summary>
    public static void RetryAfter(HttpResponse response, TimeSpan? after = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = Math.Max(1, (int)Math.Ceiling((after ?? RetrySoon).TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }
}
