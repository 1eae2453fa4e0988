using GridAspire.KvNode.Durability;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.KvNode.Api;

/// <summary>Problem responses more than one endpoint gives.</summary>
internal static class Problems
{
    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    /// <summary>503: the write-ahead log failed, so nothing more is acknowledged here.</summary>
    public static ProblemHttpResult JournalFailed(JournalFailedException failure) =>
        TypedResults.Problem(
            $"{failure.Message} Other nodes may accept the write.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Write not durable");

    /// <summary>503 with Retry-After: this node takes no writes now (it is settling, rejoining or its disk failed).</summary>
    public static ProblemHttpResult WritesRefused(string reason, HttpContext http)
    {
        ProblemText.RetryAfter(http.Response);
        return TypedResults.Problem(
            $"Node does not accept writes: {reason}. Reads still work; other nodes may accept the write.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Writes refused");
    }
}
