namespace GridAspire.KvClient.Scenario;

/// <summary>
/// A scenario's steps, defined once: the command-line client runs them and checks what the nodes show between them;
/// the causality explorer plays them one button at a time. Keys carry the run's id, so runs never see each other's writes.
/// </summary>
/// <param name="Name">Its name in commands and URLs, e.g. <c>causal</c>.</param>
/// <param name="Title">A heading.</param>
/// <param name="Summary">What it shows, with this run's nodes and keys.</param>
/// <param name="Steps">The steps, numbered from 1.</param>
/// <param name="Cleanup">What undoes a run stopped half way (a link left held).</param>
public sealed record ScenarioScript(
    string Name, string Title, string Summary, IReadOnlyList<ScenarioStep> Steps, IReadOnlyList<ScenarioAction> Cleanup);

/// <summary>One step of a <see cref="ScenarioScript"/>.</summary>
/// <param name="Number">Its number, from 1.</param>
/// <param name="Title">What it does, with this run's nodes and keys.</param>
/// <param name="Action">The action.</param>
public sealed record ScenarioStep(int Number, string Title, ScenarioAction Action);
