using GridAspire.KvNode.Api;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// Checks a peer's batch before any of it touches state, so a bad batch changes nothing. Returns the reason
/// it is refused, or null when it is acceptable.
/// </summary>
public static class ReplicationValidator
{
    /// <summary>Largest batch accepted; origins send at most their configured batch size, well below this.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Validates <paramref name="batch"/> for a receiver <paramref name="self"/> in a cluster of <paramref name="members"/>.</summary>
    public static string? Validate(ReplicationBatch? batch, string self, IReadOnlySet<string> members, long selfDelivered)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (batch?.Writes is null || string.IsNullOrEmpty(batch.From))
        {
            return "the batch needs 'from' and 'writes'";
        }

        if (batch.From == self || !members.Contains(batch.From))
        {
            return $"'{batch.From}' is not a peer of {self}";
        }

        if (batch.Writes.Count > MaxBatchSize)
        {
            return $"the batch has {batch.Writes.Count} writes; at most {MaxBatchSize} are accepted";
        }

        for (var i = 0; i < batch.Writes.Count; i++)
        {
            if (ValidateWrite(batch.Writes[i], batch.From, self, members, selfDelivered) is { } reason)
            {
                return $"writes[{i}]: {reason}";
            }
        }

        return null;
    }

    private static string? ValidateWrite(ReplicatedWrite? write, string from, string self, IReadOnlySet<string> members, long selfDelivered)
    {
        if (write is null || write.Clock is null || write.Key is null)
        {
            return "a write needs origin, clock, lamport and key";
        }

        if (write.Origin != from)
        {
            return $"origin '{write.Origin}' differs from sender '{from}': nodes only send their own writes";
        }

        if (write.Clock.Nodes.FirstOrDefault(n => !members.Contains(n)) is { } unknown)
        {
            return $"clock names unknown node '{unknown}'";
        }

        if (write.Sequence < 1 || write.Lamport < 1)
        {
            return "sequence and lamport must be positive";
        }

        if (write.Clock[self] > selfDelivered)
        {
            return $"clock claims {self}:{write.Clock[self]} but {self} has only made {selfDelivered} writes";
        }

        return KvInput.ValidateKey(write.Key) ?? (write.Value is null ? null : KvInput.ValidateValue(write.Value));
    }
}
