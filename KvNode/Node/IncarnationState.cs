using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Which incarnation this node writes as and what it knows of everyone's (see <see cref="Incarnations"/> and
/// <see cref="IncarnationBook"/>): the clock entry of its own writes, the retired incarnations new writes leave out of
/// their clocks, and whether any disk was ever lost. Changed under the node's lock; <see cref="Writer"/> and
/// <see cref="SomeDiskLost"/> are read without it, so the paths every request takes cost nothing until a disk was lost.
/// </summary>
public sealed class IncarnationState(string nodeId)
{
    private volatile string _writer = nodeId;
    private volatile bool _someDiskLost;

    // Copy-on-write: only ever grows, rarely.
    private HashSet<string> _pruned = new(StringComparer.Ordinal);

    /// <summary>The incarnations announced to this node, and the rules over them.</summary>
    public IncarnationBook Book { get; } = new();

    /// <summary>The clock entry this node's writes go under: its id, or <c>id.N</c> once it rejoined after losing its disk.</summary>
    public string Writer => _writer;

    /// <summary>True once some incarnation is known to be retired (some node lost its disk).</summary>
    public bool SomeDiskLost => _someDiskLost;

    /// <summary>Retired incarnations every node has all writes of: new writes leave them out of their clocks.</summary>
    public IReadOnlySet<string> Pruned => _pruned;

    /// <summary>True when the journal held the start of a rejoin without the state transfer that completes it.</summary>
    public bool RejoinUnfinished { get; private set; }

    /// <summary>
    /// True once this node knows which clock entry it writes under: it decided in this run, or its journal shows the
    /// decision (the record of it, or an own write). A node killed after it started empty but before it decided has
    /// journaled acknowledgements and deliveries all the same; without this it would restart as if its disk were whole
    /// and, having lost its writes, refuse every peer's batch that names them (found by the wide-area chaos sweep).
    /// </summary>
    public bool Settled { get; private set; }

    /// <summary>This node knows which entry it writes under (see <see cref="Settled"/>).</summary>
    public void Settle() => Settled = true;

    /// <summary>This node writes as <paramref name="incarnation"/> from now on (it rejoined after losing its disk).</summary>
    public void WriteAs(string incarnation)
    {
        _writer = incarnation;
        Book.Announce(incarnation); // its own old entry is retired here too, before it writes anything
    }

    /// <summary>Replays an Incarnation record: the rejoin is unfinished until its state transfer's closing record.</summary>
    public void RestoreRejoin(string incarnation)
    {
        WriteAs(incarnation);
        RejoinUnfinished = true;
    }

    /// <summary>The closing record of a state transfer was replayed: a rejoin it closes is complete.</summary>
    public void RestoreMerged()
    {
        Settled |= RejoinUnfinished;
        RejoinUnfinished = false;
    }

    /// <summary>Re-reads whether some disk was lost, after announcements or merges changed what is known.</summary>
    public void Refresh(VectorClock own) => _someDiskLost = Book.AnyRetired(own);

    /// <summary>The clock a new own write carries: the delivered clock without the pruned entries.</summary>
    public VectorClock ClockForWrite(VectorClock delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        return _pruned.Count == 0 ? delivered : delivered.Without(_pruned);
    }

    /// <summary>The clock entry <paramref name="member"/> writes under now, as far as this node knows.</summary>
    public string CurrentEntryOf(string member, VectorClock own) => Incarnations.Entry(member, Math.Max(1, Book.Current(member, own)));

    /// <summary>
    /// Once every peer reports the same counters of a retired incarnation as this node, nothing of it is still on its way:
    /// new clocks stop carrying it, so clocks do not grow with every lost disk. The delivered clock keeps the entry (one per
    /// lost disk), so contexts and writes that still name it are checked as before.
    /// </summary>
    public void PruneSettled(VectorClock own, IReadOnlyCollection<string> peers, IReadOnlyDictionary<string, VectorClock> reported)
    {
        if (!_someDiskLost)
        {
            return; // every acknowledgement comes here: no walk over the clock until some disk was lost
        }

        var settled = Book.Settled(own, peers, reported);
        if (!settled.IsSubsetOf(_pruned))
        {
            _pruned = new HashSet<string>(_pruned.Union(settled), StringComparer.Ordinal);
        }
    }

    /// <summary>How many clock entries of <paramref name="own"/> belong to retired incarnations.</summary>
    public int RetiredIn(VectorClock own)
    {
        ArgumentNullException.ThrowIfNull(own);
        return own.Nodes.Count(n => Book.IsRetired(n, own));
    }
}
