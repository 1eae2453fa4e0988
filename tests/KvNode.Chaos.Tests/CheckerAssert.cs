using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Tests;

internal static class CheckerAssert
{
    /// <summary>The checker finds violations in <paramref name="history"/>, and every one is of <paramref name="kind"/>.</summary>
    public static void Only(ViolationKind kind, RunHistory history)
    {
        var violations = CausalChecker.Check(history);
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(kind, v.Kind));
    }
}
