using GridAspire.KvClient.Client;

namespace GridAspire.KvClient.Scenario;

/// <summary>
/// The case the causal-store papers (COPS, Eiger) open with, on two nodes a and b. Alice takes Bob off her album's
/// access list, then adds a private photo, at a, while a's link to b is held. Bob reads the list at b (still the old
/// one), the link is released, then Bob reads the album at b (the photo is there): each read is causally fine, the
/// pair shows Bob the photo beside a list that still names him. Batch reads of both keys
/// (<c>POST /batch/read</c>), before and after, never show that pair: each answer comes from one causal cut.
/// </summary>
public sealed class AlbumScenario(HttpClient http, string clusterKey, IReadOnlyDictionary<string, Uri> nodes, IScenarioReporter report)
{
    private const string OldList = "alice,bob";
    private const string NewList = "alice";
    private const string OldAlbum = "holiday";
    private const string NewAlbum = "holiday,private-photo";
    private readonly KvNodeClient _client = new(http, clusterKey);
    private bool _passed = true;

    /// <summary>Runs the scenario; true when the single reads showed the anomaly and no batch read did.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        var ids = nodes.Keys.Order(StringComparer.Ordinal).ToList();
        var (a, b) = (ids[0], ids[1]);
        var run = Guid.NewGuid().ToString("N")[..6];
        var (acl, album) = ($"acl-{run}", $"album-{run}");
        var alice = new KvSession(_client);
        try
        {
            report.BeginStep(1, $"Alice shares {album} with Bob ({acl}={OldList}) at {a}; {b} has it");
            await alice.PutAsync(nodes[a], acl, OldList, cancellationToken);
            await alice.PutAsync(nodes[a], album, OldAlbum, cancellationToken);
            var before = await BatchAsync(b, acl, album, alice.Token, cancellationToken);
            Check(before == (OldList, OldAlbum), $"{b} shows {acl}={OldList} and {album}={OldAlbum}");

            report.BeginStep(2, $"Hold {a} → {b}; at {a} Alice removes Bob, then adds a private photo");
            await _client.SetLinkHeldAsync(nodes[a], b, held: true, cancellationToken);
            await alice.PutAsync(nodes[a], acl, NewList, cancellationToken);
            var photo = await alice.PutAsync(nodes[a], album, NewAlbum, cancellationToken);
            report.Observed(a, $"{acl}={NewList}, then {album}={NewAlbum}", photo.Item?.Clock);

            report.BeginStep(3, $"Bob reads {acl} at {b} (single read), and both keys in one batch");
            var bob = new KvSession(_client);
            var list = await bob.GetAsync(nodes[b], acl, cancellationToken);
            report.Observed(b, $"{acl}={list.Item?.Value}", list.Item?.Clock);
            var heldBatch = await BatchAsync(b, acl, album, token: null, cancellationToken);
            Check(heldBatch == (OldList, OldAlbum), $"a batch read at {b} shows the old list with the old album ({heldBatch})");

            report.BeginStep(4, $"Release {a} → {b}; Bob reads {album} at {b} (single read)");
            await _client.SetLinkHeldAsync(nodes[a], b, held: false, cancellationToken);
            await new KvSession(_client, alice.Token).GetAsync(nodes[b], album, cancellationToken); // waits until b has Alice's writes
            var shown = await bob.GetAsync(nodes[b], album, cancellationToken);
            report.Observed(b, $"{album}={shown.Item?.Value}", shown.Item?.Clock);
            Check(list.Item?.Value == OldList && shown.Item?.Value == NewAlbum,
                $"single reads paired {acl}={list.Item?.Value} with {album}={shown.Item?.Value}: Bob sees the photo beside a list that still names him");

            report.BeginStep(5, $"A batch read of both keys at {b}");
            var after = await BatchAsync(b, acl, album, token: null, cancellationToken);
            Check(after == (NewList, NewAlbum), $"a batch read at {b} shows the new list with the new album ({after})");
            return _passed;
        }
        finally
        {
            await _client.SetLinkHeldAsync(nodes[a], b, held: false, CancellationToken.None);
        }
    }

    private async Task<(string? Acl, string? Album)> BatchAsync(string node, string acl, string album, string? token, CancellationToken cancellationToken)
    {
        var read = await _client.ReadManyAsync(nodes[node], [acl, album], token, cancellationToken);
        var pair = read.Batch is { } batch ? (batch.Values[acl], batch.Values[album]) : (null, null);
        report.Observed(node, $"batch read: {acl}={pair.Item1 ?? "-"}, {album}={pair.Item2 ?? "-"}", read.Batch?.Cut);
        Check(pair != (OldList, NewAlbum), $"the batch read at {node} does not pair the old list with the photo");
        return pair;
    }

    private void Check(bool passed, string claim)
    {
        _passed &= passed;
        report.Check(passed, claim);
    }
}
