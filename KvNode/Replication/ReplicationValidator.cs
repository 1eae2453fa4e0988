using System.Text;
using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>
/// Checks a peer's batch before any of it touches state, so a bad batch changes nothing. Returns why it is
/// refused (a fixed category for metrics, and a detail for the log and the problem response), or null.
/// </summary>
public static class ReplicationValidator
{
    /// <summary>Largest batch accepted; origins send at most their configured batch size, well below this.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>
    /// Validates <paramref name="batch"/> for a receiver <paramref name="self"/> (writing as <paramref name="selfWriter"/>,
    /// <paramref name="selfDelivered"/> writes so far) in a cluster of <paramref name="members"/>.
    /// </summary>
    public static ReplicationRejection? Validate(ReplicationBatch? batch, string self, string selfWriter, IReadOnlySet<string> members, long selfDelivered)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (batch?.Writes is null || string.IsNullOrEmpty(batch.From))
        {
            return new("malformed", "the batch needs 'from' and 'writes'");
        }

        if (batch.From == self || !members.Contains(batch.From))
        {
            return new("unknown_sender", $"'{batch.From}' is not a peer of {self}");
        }

        if (batch.Writes.Count > MaxBatchSize)
        {
            return new("too_large", $"the batch has {batch.Writes.Count} writes; at most {MaxBatchSize} are accepted");
        }

        for (var i = 0; i < batch.Writes.Count; i++)
        {
            if (ValidateWrite(batch.Writes[i], batch.From, selfWriter, members, selfDelivered) is { } rejection)
            {
                return rejection with { Detail = $"writes[{i}]: {rejection.Detail}" };
            }
        }

        return null;
    }

    private static ReplicationRejection? ValidateWrite(ReplicatedWrite? write, string from, string self, IReadOnlySet<string> members, long selfDelivered)
    {
        if (write is null || write.Clock is null || write.Key is null)
        {
            return new("malformed", "a write needs origin, clock, lamport and key");
        }

        if (Incarnations.MemberOf(write.Origin) != from || Incarnations.NumberOf(write.Origin) == 0)
        {
            return new("origin_mismatch", $"origin '{write.Origin}' differs from sender '{from}': nodes only send their own writes");
        }

        if (write.Clock.Nodes.FirstOrDefault(n => !Incarnations.IsEntryOf(n, members)) is { } unknown)
        {
            return new("unknown_node", $"clock names unknown node '{unknown}'");
        }

        if (write.Sequence < 1 || write.Lamport < 1)
        {
            return new("invalid_counter", "sequence and lamport must be positive");
        }

        if (write.Clock[self] > selfDelivered)
        {
            return new("future_counter", $"clock claims {self}:{write.Clock[self]} but {self} has only made {selfDelivered} writes");
        }

        return (KvInput.ValidateKey(write.Key) ?? (write.Value is null ? null : KvInput.ValidateValue(write.Value)) ?? ValidateMore(write)) is { } invalid
            ? new("invalid_key_or_value", invalid)
            : null;
    }

    // The other keys of a multi-key write, held to the limits a client's batch is held to.
    private static string? ValidateMore(ReplicatedWrite write)
    {
        if (write.More is not { } more)
        {
            return null;
        }

        if (write.KeyCount > KvInput.MaxBatchKeys)
        {
            return $"a multi-key write names {write.KeyCount} keys; at most {KvInput.MaxBatchKeys} are accepted";
        }

        var keys = new HashSet<string>(StringComparer.Ordinal) { write.Key };
        long bytes = write.Value is null ? 0 : Encoding.UTF8.GetByteCount(write.Value);
        foreach (var change in more)
        {
            if (change?.Key is null)
            {
                return "a change of a multi-key write has no key";
            }

            if ((KvInput.ValidateKey(change.Key) ?? (change.Value is null ? null : KvInput.ValidateValue(change.Value))) is { } invalid)
            {
                return $"{invalid} (a multi-key write's key '{change.Key}')";
            }

            if (!keys.Add(change.Key))
            {
                return $"a multi-key write names '{change.Key}' twice";
            }

            bytes += change.Value is null ? 0 : Encoding.UTF8.GetByteCount(change.Value);
        }

        return bytes > KvInput.MaxBatchValueBytes ? $"a multi-key write carries {bytes} bytes of values; at most {KvInput.MaxBatchValueBytes}" : null;
    }
}
