using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Rebuilds a node's state from what its journal kept: the last snapshot, then the log records after it, in the order
/// they were first applied. Each record type has one rule here; a state transfer counts only once its closing record
/// is on disk, so one cut short by a crash is left out whole.
/// </summary>
internal static class JournalReplay
{
    /// <summary>Replays <paramref name="snapshot"/> and <paramref name="records"/> into the node's parts.</summary>
    public static void Restore(
        DurableState? snapshot,
        IReadOnlyList<LogRecord> records,
        Replica replica,
        OwnWriteLog ownWrites,
        PeerAcknowledgements acks,
        IncarnationState incarnations,
        ClusterMembers members)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (snapshot is not null)
        {
            if (snapshot.Unsettled != true)
            {
                incarnations.Settle();
            }

            if (snapshot.Writer is { } writer)
            {
                incarnations.WriteAs(writer);
            }

            foreach (var (member, number) in snapshot.Incarnations ?? new Dictionary<string, int>())
            {
                incarnations.Book.Announce(Incarnations.Entry(member, number));
            }

            foreach (var (member, address) in snapshot.Joined ?? new Dictionary<string, Uri>())
            {
                members.Add(member, address);
            }

            foreach (var member in snapshot.Removed ?? [])
            {
                MembershipStep.Restore(member, members, incarnations);
            }

            ownWrites.Restore(snapshot.OwnWritesBase, snapshot.OwnWrites);
            foreach (var (peer, acked) in snapshot.Acked)
            {
                acks.Restore(peer, acked);
            }

            replica.RestoreSnapshot(snapshot.Lamport, snapshot.Versions.Select(v => new StoredVersion(v.Write, v.SupersededConcurrent)));
        }

        List<ReplicatedWrite>? merging = null;
        foreach (var record in records)
        {
            switch (record)
            {
                case { Write: { } write } when write.Origin == incarnations.Writer:
                    incarnations.Settle(); // it accepted a write: it had decided
                    replica.RestoreOwn(write);
                    ownWrites.Append(write, 0);
                    break;
                case { Write: { } write }:
                    replica.RestoreDelivered(write);
                    break;
                case { Peer: { } peer, Acked: { } acked }:
                    acks.Restore(peer, acked);
                    break;
                case { Incarnation: { } incarnation } when !Incarnations.ReplacesLostDisk(incarnation):
                    incarnations.Settle(); // a new node decided it writes as itself
                    break;
                case { Incarnation: { } incarnation }:
                    incarnations.RestoreRejoin(incarnation);
                    acks.ForgetAll();
                    break;
                case { Announced: { } announced }:
                    incarnations.Book.Announce(announced);
                    if (Incarnations.ReplacesLostDisk(announced))
                    {
                        acks.Forget(Incarnations.MemberOf(announced));
                    }

                    break;
                case { Merged: { } writes }:
                    (merging ??= []).AddRange(writes);
                    break;
                case { Joined: { } member, JoinedAt: { } address }:
                    members.Add(member, address);
                    break;
                case { JoinedMany: { } joined }:
                    foreach (var (member, address) in joined)
                    {
                        members.Add(member, address);
                    }

                    break;
                case { Removed: { } member }:
                    MembershipStep.Restore(member, members, incarnations);
                    break;
                case { MergedClock: { } clock }:
                    replica.Merge(merging ?? [], clock, incarnations.Pruned);
                    merging = null;
                    incarnations.RestoreMerged();
                    break;
            }
        }

        incarnations.Refresh(replica.Clock);
    }
}
