using GridAspire.KvClient.Client;

namespace GridAspire.KvClient.Scenario;

/// <summary>
/// Runs <see cref="AlbumScript"/> against real nodes and checks what Bob sees: single reads pair the old access list
/// with the new photo (the anomaly), batch reads never do.
/// </summary>
public sealed class AlbumScenario(HttpClient http, string clusterKey, IReadOnlyDictionary<string, Uri> nodes, IScenarioReporter report)
{
    private readonly KvNodeClient _client = new(http, clusterKey);
    private bool _passed = true;

    /// <summary>Runs the scenario; true when the single reads showed the anomaly and no batch read did.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        var ids = nodes.Keys.Order(StringComparer.Ordinal).ToList();
        var script = AlbumScript.For(ids, Guid.NewGuid().ToString("N")[..6]);
        var b = ids[1];
        var (acl, album) = (((PutKey)script.Steps[0].Action).Key, ((PutKey)script.Steps[1].Action).Key);
        var alice = new ScenarioPlayer(new KvSession(_client), nodes);
        try
        {
            string? list = null;
            foreach (var step in script.Steps)
            {
                if (step.Number == AlbumScript.BobReadsAlbum)
                {
                    // Bob's next read must come after Alice's writes reached b: wait for them with her token.
                    await new KvSession(_client, alice.Session.Token).GetAsync(nodes[b], album, cancellationToken);
                }

                report.BeginStep(step.Number, step.Title);
                var result = await alice.PerformAsync(step.Action, cancellationToken);
                Check(result.IsSuccess, $"{step.Action.Node} answered {(int)result.Status}{(result.Problem is null ? "" : ": " + result.Problem)}");
                if (result.Batch is { } batch)
                {
                    var pair = (batch.Values[acl], batch.Values[album]);
                    report.Observed(step.Action.Node, $"batch read: {acl}={pair.Item1 ?? "-"}, {album}={pair.Item2 ?? "-"}", batch.Cut);
                    Check(pair != (AlbumScript.OldList, AlbumScript.NewAlbum), $"the batch read at {b} does not pair the old list with the photo");
                    var expected = step.Number == AlbumScript.BobReadsBothAfter ? (AlbumScript.NewList, AlbumScript.NewAlbum) : (AlbumScript.OldList, AlbumScript.OldAlbum);
                    Check(pair == expected, $"the batch read shows {expected.Item1} with {expected.Item2}");
                }
                else if (result.Item is { } item && step.Action is GetKey or PutKey)
                {
                    report.Observed(step.Action.Node, $"{item.Key}={item.Value}", item.Clock);
                }

                if (step.Number == AlbumScript.BobReadsList)
                {
                    list = result.Item?.Value;
                }
                else if (step.Number == AlbumScript.BobReadsAlbum)
                {
                    Check(list == AlbumScript.OldList && result.Item?.Value == AlbumScript.NewAlbum,
                        $"single reads paired {acl}={list} with {album}={result.Item?.Value}: Bob sees the photo beside a list that still names him");
                }
            }

            return _passed;
        }
        finally
        {
            foreach (var undo in script.Cleanup)
            {
                await alice.PerformAsync(undo, CancellationToken.None);
            }
        }
    }

    private void Check(bool passed, string claim)
    {
        _passed &= passed;
        report.Check(passed, claim);
    }
}
