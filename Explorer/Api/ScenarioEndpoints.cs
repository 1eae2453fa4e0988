using System.Text.RegularExpressions;
using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Nodes;
using GridAspire.KvClient.Scenario;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.Explorer.Api;

/// <summary>
/// The scenarios the page plays (<c>/api/scenarios/{name}</c>: <c>causal</c> and <c>album</c>), from the same scripts the
/// command-line client runs: the page shows the steps' titles and asks for one step at a time; the explorer does it at
/// the nodes.
/// </summary>
public static partial class ScenarioEndpoints
{
    /// <summary>Maps the scenario endpoints.</summary>
    public static RouteGroupBuilder MapScenarios(this IEndpointRouteBuilder routes)
    {
        var scenarios = routes.MapGroup("/api/scenarios/{name}").WithTags("Scenarios");
        scenarios.MapGet("/", Describe)
            .WithSummary("The scenario's steps for a run (?run=, 1-16 of [0-9a-z]), with this explorer's first nodes in its roles.");
        scenarios.MapPost("/steps/{number:int}", StepAsync)
            .WithSummary("Does one step at the nodes, with the session's X-Causal-Context; answers as the node did.");
        scenarios.MapPost("/cleanup", CleanupAsync)
            .WithSummary("Undoes what a run stopped half way left behind (a held link).");
        return scenarios;
    }

    private static Results<Ok<ScenarioView>, ProblemHttpResult> Describe(string name, string? run, KvNodes nodes) =>
        Script(name, run, nodes) switch
        {
            (null, var problem) => problem!,
            (var script, _) => TypedResults.Ok(new ScenarioView(
                script.Name, script.Title, script.Summary, run!, [.. script.Steps.Select(s => new ScenarioStepView(s.Number, s.Title))])),
        };

    private static async Task<IResult> StepAsync(string name, int number, string? run, HttpRequest request, KvNodes nodes, CancellationToken cancellationToken)
    {
        var (script, problem) = Script(name, run, nodes);
        if (script is null)
        {
            return problem!;
        }

        if (script.Steps.FirstOrDefault(s => s.Number == number) is not { } step)
        {
            return TypedResults.Problem($"The {name} scenario has steps 1 to {script.Steps.Count}.", statusCode: StatusCodes.Status404NotFound, title: "No such step");
        }

        // Another user's step (Bob's reads) runs in a session of its own and leaves the page's session token as it was.
        if (step.Action.As is not null)
        {
            var theirs = await nodes.PerformAsync(step.Action, context: null, cancellationToken);
            return NodeAnswer.From(theirs with { Context = null }, request.HttpContext.Response);
        }

        var context = request.Headers[KvHeaders.CausalContext].FirstOrDefault();
        return NodeAnswer.From(await nodes.PerformAsync(step.Action, context, cancellationToken), request.HttpContext.Response);
    }

    private static async Task<IResult> CleanupAsync(string name, string? run, KvNodes nodes, CancellationToken cancellationToken)
    {
        var (script, problem) = Script(name, run, nodes);
        if (script is null)
        {
            return problem!;
        }

        foreach (var action in script.Cleanup)
        {
            await nodes.PerformAsync(action, context: null, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static (ScenarioScript? Script, ProblemHttpResult? Problem) Script(string name, string? run, KvNodes nodes)
    {
        if (run is null || !RunId().IsMatch(run))
        {
            return (null, TypedResults.Problem("'run' must be 1-16 of [0-9a-z]: it names this run's keys.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid run"));
        }

        (int NodesNeeded, Func<IReadOnlyList<string>, string, ScenarioScript> For)? known = name switch
        {
            CausalScript.Name => (CausalScript.NodesNeeded, CausalScript.For),
            AlbumScript.Name => (AlbumScript.NodesNeeded, AlbumScript.For),
            _ => null,
        };
        if (known is not { } scenario)
        {
            return (null, TypedResults.Problem(
                $"There is no scenario '{name}'; there are '{CausalScript.Name}' and '{AlbumScript.Name}'.", statusCode: StatusCodes.Status404NotFound, title: "No such scenario"));
        }

        return nodes.Ids.Count < scenario.NodesNeeded
            ? (null, TypedResults.Problem(
                $"The {name} scenario needs {scenario.NodesNeeded} nodes; this explorer watches {nodes.Ids.Count}.",
                statusCode: StatusCodes.Status409Conflict, title: "Not enough nodes"))
            : (scenario.For(nodes.Ids, run), null);
    }

    [GeneratedRegex("^[0-9a-z]{1,16}$")]
    private static partial Regex RunId();
}
