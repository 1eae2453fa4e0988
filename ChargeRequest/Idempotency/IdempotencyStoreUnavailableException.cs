namespace GridAspire.ChargeRequest.Idempotency;

/// <summary>The shared idempotency store could not be asked (down, or too slow): the request was not booked.</summary>
public sealed class IdempotencyStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
