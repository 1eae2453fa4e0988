namespace GridAspire.Explorer.Api;

/// <summary>A scenario as the page shows it: its text and its steps' titles for one run, with this explorer's nodes.</summary>
/// <param name="Name">Its name in URLs.</param>
/// <param name="Title">A heading.</param>
/// <param name="Summary">What it shows.</param>
/// <param name="Run">The run's id (in its keys).</param>
/// <param name="Steps">Each step's number and title.</param>
public sealed record ScenarioView(string Name, string Title, string Summary, string Run, IReadOnlyList<ScenarioStepView> Steps);

/// <summary>A step as the page shows it.</summary>
/// <param name="Number">Its number, from 1.</param>
/// <param name="Title">What it does.</param>
public sealed record ScenarioStepView(int Number, string Title);
