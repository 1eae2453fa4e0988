using GridAspire.Contracts.Kv;

namespace GridAspire.KvClient.Scenario;

/// <summary>Where a scenario tells what it does and what it checked.</summary>
public interface IScenarioReporter
{
    /// <summary>A numbered step begins.</summary>
    void BeginStep(int number, string title);

    /// <summary>Something a node answered, with the clock it showed.</summary>
    void Observed(string node, string what, VectorClock? clock = null);

    /// <summary>A claim the scenario checked; <paramref name="passed"/> false is a causality violation.</summary>
    void Check(bool passed, string claim);
}
