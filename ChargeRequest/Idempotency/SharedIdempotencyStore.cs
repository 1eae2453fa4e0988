using System.Text.Json;
using GridAspire.ChargeRequest.Charging;
using GridAspire.ChargeRequest.Configuration;
using GridAspire.ChargeRequest.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>
/// Idempotency records in a shared Redis-protocol store (Garnet in GridAspire), so every API replica honours every
/// key. The first request with a key claims it atomically (<c>SET NX</c> with an expiry longer than any booking takes)
/// and books; duplicates, on any replica, wait boundedly for its result and replay it. A refusal deletes the claim (if
/// it is still this attempt's), so a retry after "grid full" really tries again. A store that cannot be asked books
/// nothing: <see cref="IdempotencyStoreUnavailableException"/>, which the API answers with 503.
/// </summary>
public sealed class SharedIdempotencyStore(
    IConnectionMultiplexer store, IOptions<ChargeApiOptions> options, ChargeMetrics metrics, TimeProvider time, ILogger<SharedIdempotencyStore> logger)
    : IIdempotencyStore, IDisposable
{
    /// <summary>The connection string naming the store: <c>ConnectionStrings:idempotency</c>.</summary>
    public const string ConnectionName = "idempotency";

    private const string Prefix = "idempotency:";
    private const string RunsPrefix = "idempotency-runs:";
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(200);

    // A claim outlives the longest booking (the API gives up on the balancer after BalancerTimeout), so no duplicate
    // books while it runs; an attempt whose replica died frees its key when the claim expires.
    private TimeSpan ClaimFor => options.Value.BalancerTimeout * 2;

    /// <inheritdoc/>
    public async Task<IdempotentRun?> RunOnceAsync(string key, string fingerprint, Func<BookingTicket, Task<BookingReply>> book, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(book);
        RedisKey redisKey = Prefix + key;
        var started = time.GetTimestamp();
        var poll = FirstPoll;
        while (true)
        {
            var claim = Serialize(new IdempotencyRecord(fingerprint, Claim: Guid.NewGuid().ToString("N")));
            if (await AskAsync(db => db.StringSetAsync(redisKey, claim, ClaimFor, When.NotExists), "claim"))
            {
                // Which run of this key this is: a run after the first may follow a replica that died booking it.
                var run = await AskAsync(db => CountRunAsync(db, key), "count");
                var ticket = BookingTicket.ForKey(key, run);
                return new IdempotentRun(await BookAsync(redisKey, claim, fingerprint, () => book(ticket)), Replayed: false);
            }

            // Another request holds the key. Its answer arrives as a change of the record; polling a few times a second
            // for at most a booking's time is cheaper than a subscription per request.
            var held = await AskAsync(db => db.StringGetAsync(redisKey), "read");
            if (held.IsNull)
            {
                continue; // it was refused and let go of the key: try for real
            }

            var record = Read(held.ToString());
            if (record.Fingerprint != fingerprint)
            {
                return null;
            }

            if (record.Assignment is { } assignment)
            {
                return new IdempotentRun(new BookingReply(BookingOutcome.Booked, assignment), Replayed: true);
            }

            if (time.GetElapsedTime(started) >= ClaimFor)
            {
                return new IdempotentRun(new BookingReply(
                    BookingOutcome.InProgress, Detail: "Another request with this Idempotency-Key is still being booked; retry shortly.",
                    RetryAfter: TimeSpan.FromSeconds(1)), Replayed: false);
            }

            await Task.Delay(poll, time, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    // One round trip: the expiry rides along unanswered (the counter only has to outlive the bookings it numbers).
    private static Task<long> CountRunAsync(IDatabase db, string key)
    {
        RedisKey runs = RunsPrefix + key;
        var run = db.StringIncrementAsync(runs);
        _ = db.KeyExpireAsync(runs, MemoryIdempotencyStore.KeepFor, flags: CommandFlags.FireAndForget);
        return run;
    }

    private async Task<BookingReply> BookAsync(RedisKey key, string claim, string fingerprint, Func<Task<BookingReply>> book)
    {
        BookingReply outcome;
        try
        {
            outcome = await book();
        }
        catch
        {
            await LetGoAsync(key, claim);
            throw;
        }

        if (!outcome.IsBooking)
        {
            await LetGoAsync(key, claim);
            return outcome;
        }

        try
        {
            await AskAsync(db => db.StringSetAsync(key, Serialize(new IdempotencyRecord(fingerprint, Assignment: outcome.Assignment)), MemoryIdempotencyStore.KeepFor), "remember");
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            // The vehicle is booked and must hear so; until the claim expires duplicates still wait rather than book.
            IdempotencyLog.NotRemembered(logger, outcome.Assignment!.SessionId, ClaimFor, ex.Message);
        }

        return outcome;
    }

    // Deletes the claim only while it is still this attempt's (it may have expired and been taken by another).
    private async Task LetGoAsync(RedisKey key, string claim)
    {
        try
        {
            await AskAsync(db => db.LockReleaseAsync(key, claim), "release");
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            IdempotencyLog.NotReleased(logger, ClaimFor, ex.Message); // the claim expires by itself
        }
    }

    private async Task<T> AskAsync<T>(Func<IDatabase, Task<T>> call, string operation)
    {
        var started = time.GetTimestamp();
        try
        {
            var result = await call(store.GetDatabase());
            metrics.StoreCall(operation, time.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            metrics.StoreCall(operation, time.GetElapsedTime(started), failed: true);
            throw new IdempotencyStoreUnavailableException($"the idempotency store did not answer ({ex.GetType().Name})", ex);
        }
    }

    /// <inheritdoc/>
    public Task PingAsync(CancellationToken cancellationToken) => AskAsync(db => db.PingAsync(), "ping");

    /// <inheritdoc/>
    public void Dispose() => store.Dispose();

    // A record this API did not write (or a damaged one) cannot be trusted to replay: the key cannot be checked.
    private static IdempotencyRecord Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, IdempotencyJsonContext.Default.IdempotencyRecord)
                ?? throw new JsonException("null record");
        }
        catch (JsonException ex)
        {
            throw new IdempotencyStoreUnavailableException("the idempotency store holds an unreadable record for this key", ex);
        }
    }

    private static string Serialize(IdempotencyRecord record) => JsonSerializer.Serialize(record, IdempotencyJsonContext.Default.IdempotencyRecord);
}
