namespace GridAspire.Substation.Charging;

/// <summary>
/// The sessions on a substation that have one demand (minimum, maximum, class). Max-min fair sharing always gives them
/// the same power, so one energy clock stands for all of them: <see cref="Progress"/> is the energy each member has drawn
/// since the group formed, a member's delivered energy is the progress since it joined, and it is full when the progress
/// reaches the mark it joined with plus its energy. Members are kept ordered by that mark, so the next to be full is
/// first: joining, leaving and finding the next to finish cost O(log n), and letting time pass costs O(1) for the group.
/// </summary>
/// <param name="demand">What each member asks for.</param>
internal sealed class DemandGroup(PowerDemand demand)
{
    private readonly SortedSet<Member> _byFullAt = new(MemberOrder.Instance);

    /// <summary>What each member asks for.</summary>
    public PowerDemand Demand => demand;

    /// <summary>How many sessions have this demand now.</summary>
    public int Count => _byFullAt.Count;

    /// <summary>The power each member draws now.</summary>
    public double Kw { get; set; }

    /// <summary>Energy each member has drawn since the group formed, in kWh.</summary>
    public double Progress { get; private set; }

    /// <summary>The member that will be full first, or null when the group is empty.</summary>
    public Member? NextFull => _byFullAt.Count == 0 ? null : _byFullAt.Min;

    /// <summary>Every member draws <see cref="Kw"/> for <paramref name="hours"/> (simulated).</summary>
    public void Charge(double hours) => Progress += Kw * hours;

    /// <summary>A session joins; returns the progress at which it will be full.</summary>
    public double Join(string sessionId, double requestedKwh)
    {
        var fullAt = Progress + requestedKwh;
        _byFullAt.Add(new Member(fullAt, sessionId));
        return fullAt;
    }

    /// <summary>A session leaves (full or cancelled).</summary>
    public void Leave(string sessionId, double fullAt) => _byFullAt.Remove(new Member(fullAt, sessionId));

    /// <summary>Simulated hours until a member whose mark is <paramref name="fullAt"/> is full at the current power.</summary>
    public double HoursUntil(double fullAt) => Kw > 0 ? Math.Max(0, fullAt - Progress) / Kw : double.PositiveInfinity;

    /// <summary>A session in the group and the progress at which it is full.</summary>
    /// <param name="FullAt">The group's progress at which its energy has been delivered.</param>
    /// <param name="SessionId">The session.</param>
    public readonly record struct Member(double FullAt, string SessionId);

    private sealed class MemberOrder : IComparer<Member>
    {
        public static readonly MemberOrder Instance = new();

        public int Compare(Member x, Member y)
        {
            var byMark = x.FullAt.CompareTo(y.FullAt);
            return byMark != 0 ? byMark : string.CompareOrdinal(x.SessionId, y.SessionId);
        }
    }
}
