namespace GridAspire.Substation.Configuration;

/// <summary>How a substation gives power to the vehicles on it.</summary>
public enum AllocationMode
{
    /// <summary>A vehicle is admitted only if its full <c>maxKw</c> fits, and then gets exactly that until it is full.</summary>
    Fixed,

    /// <summary>
    /// A vehicle is admitted if its minimum fits beside the minimums already promised; the capacity is then shared
    /// (see <c>PowerAllocation</c>) and re-shared whenever a session starts or ends.
    /// </summary>
    Shared,
}
