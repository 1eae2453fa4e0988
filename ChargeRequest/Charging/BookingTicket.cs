using System.Security.Cryptography;
using System.Text;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// What one run of a booking sends with every attempt: the booking's id, the same through every balancer, and its first
/// attempt number. Attempts after the first make the balancer fence the booking at every substation before placing it,
/// so an attempt that died with a balancer is found rather than booked again.
/// </summary>
/// <param name="BookingId">The booking's id.</param>
/// <param name="FirstAttempt">The first attempt number of this run; later attempts of the run count up from it.</param>
public sealed record BookingTicket(string BookingId, int FirstAttempt)
{
    /// <summary>The most attempts one run makes; runs of one key (one per claim) number theirs in disjoint ranges.</summary>
    public const int AttemptsPerRun = 10;

    /// <summary>A booking nobody can repeat (no Idempotency-Key): a fresh id.</summary>
    public static BookingTicket Fresh() => new(Guid.NewGuid().ToString("N"), 1);

    /// <summary>
    /// The <paramref name="run"/>-th claim of an Idempotency-Key (1 first): the key's id, and attempts after every attempt
    /// of the runs before it, so that a run taking over from a replica that died fences what that one may have booked.
    /// </summary>
    public static BookingTicket ForKey(string key, long run)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = (int)Math.Min((Math.Max(run, 1) - 1) * AttemptsPerRun + 1, Contracts.Charging.BookingHeader.MaxAttempt - AttemptsPerRun);
        return new BookingTicket("k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16), first);
    }
}
