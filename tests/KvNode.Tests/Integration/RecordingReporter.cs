using GridAspire.KvClient.Scenario;

namespace GridAspire.KvNode.Tests.Integration;

internal sealed class RecordingReporter : IScenarioReporter
{
    public List<(bool Passed, string Claim)> Checks { get; } = [];

    /// <summary>The scenario's keys (x-…, y-…), as its observations name them.</summary>
    public HashSet<string> Keys { get; } = [];

    public void BeginStep(int number, string title)
    {
    }

    public void Observed(string node, string what, VectorClock? clock = null)
    {
        foreach (System.Text.RegularExpressions.Match key in System.Text.RegularExpressions.Regex.Matches(what, "\\b[xy]-[0-9a-f]{6}\\b"))
        {
            Keys.Add(key.Value);
        }
    }

    public void Check(bool passed, string claim) => Checks.Add((passed, claim));
}
