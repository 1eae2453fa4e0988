namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>The properties a chaos run must keep; each names what a violation broke.</summary>
public enum ViolationKind
{
    /// <summary>A read returned a write nobody made, or with another value than the one written.</summary>
    ThinAir,

    /// <summary>Two different acknowledged writes carry the same (node, counter) identity.</summary>
    ReusedWriteId,

    /// <summary>Read-from and session order form a cycle: a write depends on itself.</summary>
    CausalCycle,

    /// <summary>A node exposed a write before one it causally depends on (through another session's reads or writes).</summary>
    CausalOrder,

    /// <summary>A batch read returned a key's value without a write to another of its keys that the value depends on.</summary>
    SnapshotCut,

    /// <summary>A read showed one key of a multi-key write and, for another key of it, something older: part of one write.</summary>
    TornWrite,

    /// <summary>A session did not see its own earlier write.</summary>
    ReadYourWrites,

    /// <summary>A session saw an older version than one it had read before.</summary>
    MonotonicReads,

    /// <summary>A session's write does not causally follow its own earlier write.</summary>
    MonotonicWrites,

    /// <summary>A session's write does not causally follow a write it had read.</summary>
    WritesFollowReads,

    /// <summary>An acknowledged write is missing after healing.</summary>
    LostWrite,

    /// <summary>Nodes did not reach identical state within the deadline after healing.</summary>
    Divergence,
}
