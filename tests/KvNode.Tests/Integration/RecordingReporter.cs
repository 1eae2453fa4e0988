using GridAspire.KvClient.Scenario;

namespace GridAspire.KvNode.Tests.Integration;

internal sealed class RecordingReporter : IScenarioReporter
{
    public List<(bool Passed, string Claim)> Checks { get; } = [];

    public void BeginStep(int number, string title)
    {
    }

    public void Observed(string node, string what, IReadOnlyDictionary<string, long>? clock = null)
    {
    }

    public void Check(bool passed, string claim) => Checks.Add((passed, claim));
}
