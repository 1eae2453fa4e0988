using System.Globalization;

namespace GridAspire.Contracts.Charging;

/// <summary>
/// A booking's id and attempt (<see cref="ChargingHeaders.BookingId"/>, <see cref="ChargingHeaders.BookingAttempt"/>),
/// which the public API puts on every charging request so that its retries through another balancer book one session.
/// </summary>
/// <param name="Id">The booking's id: 1 to <see cref="MaxIdLength"/> visible ASCII characters.</param>
/// <param name="Attempt">The attempt, from 1 to <see cref="MaxAttempt"/>.</param>
public sealed record BookingHeader(string Id, int Attempt)
{
    /// <summary>Longest booking id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Highest attempt number.</summary>
    public const int MaxAttempt = 1_000_000;

    /// <summary>
    /// Reads the booking from the values of its two request headers: null when there is none (a request not from the
    /// public API) or when it is malformed, which <paramref name="invalidHeader"/> then names (see <see cref="Problem"/>).
    /// Allocates nothing but the booking.
    /// </summary>
    public static BookingHeader? Read(IReadOnlyList<string?> idValues, IReadOnlyList<string?> attemptValues, out string? invalidHeader)
    {
        ArgumentNullException.ThrowIfNull(idValues);
        ArgumentNullException.ThrowIfNull(attemptValues);
        invalidHeader = null;
        if (idValues.Count == 0 && attemptValues.Count == 0)
        {
            return null;
        }

        var id = idValues.Count == 1 ? idValues[0] : null;
        if (!IsValidId(id))
        {
            invalidHeader = ChargingHeaders.BookingId;
            return null;
        }

        var attempt = 1;
        if (attemptValues.Count > 0
            && (attemptValues.Count != 1
                || !int.TryParse(attemptValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out attempt)
                || attempt is < 1 or > MaxAttempt))
        {
            invalidHeader = ChargingHeaders.BookingAttempt;
            return null;
        }

        return new BookingHeader(id!, attempt);
    }

    /// <summary>What is wrong with a malformed booking header that <see cref="Read"/> named.</summary>
    public static string Problem(string invalidHeader) => invalidHeader == ChargingHeaders.BookingId
        ? $"{ChargingHeaders.BookingId}: one booking id of 1 to {MaxIdLength} visible ASCII characters."
        : $"{ChargingHeaders.BookingAttempt}: one attempt number from 1 to {MaxAttempt}.";

    /// <summary>True for a well-formed booking id.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && !id.AsSpan().ContainsAnyExceptInRange('!', '~');
}
