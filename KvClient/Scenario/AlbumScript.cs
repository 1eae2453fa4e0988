namespace GridAspire.KvClient.Scenario;

/// <summary>
/// The case the causal-store papers (COPS, Eiger) open with, on two nodes a and b. Alice takes Bob off her album's
/// access list, then adds a private photo, at a, while a's link to b is held. Bob reads the list at b (still the old
/// one), the link is released, then Bob reads the album at b (the photo is there): each read is causally fine, the
/// pair shows Bob the photo beside a list that still names him. Batch reads of both keys (<c>POST /batch/read</c>),
/// before and after, never show that pair: each answer comes from one causal cut.
/// </summary>
public static class AlbumScript
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "album";

    /// <summary>The nodes it needs.</summary>
    public const int NodesNeeded = 2;

    /// <summary>The access list before and after Alice's change.</summary>
    public const string OldList = "alice,bob", NewList = "alice";

    /// <summary>The album before and after Alice's change.</summary>
    public const string OldAlbum = "holiday", NewAlbum = "holiday,private-photo";

    /// <summary>Bob, who reads in a session of his own.</summary>
    public const string Bob = "Bob";

    /// <summary>Step numbers the checks refer to.</summary>
    public const int BobReadsList = 7, BobReadsBothHeld = 8, Release = 9, BobReadsAlbum = 10, BobReadsBothAfter = 11;

    /// <summary>The script for <paramref name="nodes"/> (the first two play a and b) and the run <paramref name="run"/>.</summary>
    public static ScenarioScript For(IReadOnlyList<string> nodes, string run)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count < NodesNeeded)
        {
            throw new ArgumentException($"The album scenario needs {NodesNeeded} nodes; there are {nodes.Count}.", nameof(nodes));
        }

        var (a, b) = (nodes[0], nodes[1]);
        var (acl, album) = Keys(run);
        return new ScenarioScript(
            Name,
            "Album scenario: single reads against a batch read",
            $"Alice shares {album} with Bob ({acl}), then, with {a}'s link to {b} held, takes Bob off the list and adds a private " +
            $"photo. Bob reads the list at {b} before the change arrives and the album after: each read is causally fine, the pair " +
            $"shows him the photo beside a list that still names him. A batch read of both keys never pairs them. (Keys carry the run's id, {run}.)",
            [
                new(1, $"Alice writes {acl}={OldList} at {a}", new PutKey(a, acl, OldList)),
                new(2, $"Alice writes {album}={OldAlbum} at {a}", new PutKey(a, album, OldAlbum)),
                new(3, $"Alice reads both at {b} (batch read, her token: {b} has them)", new ReadKeys(b, [acl, album])),
                new(4, $"Hold {a} → {b}", new HoldLink(a, b)),
                new(5, $"Alice takes Bob off: {acl}={NewList} at {a}", new PutKey(a, acl, NewList)),
                new(6, $"Alice adds a photo: {album}={NewAlbum} at {a}", new PutKey(a, album, NewAlbum)),
                new(BobReadsList, $"Bob reads {acl} at {b} (single read: still names him)", new GetKey(b, acl) { As = Bob }),
                new(BobReadsBothHeld, $"Bob reads both at {b} (batch read: old list, old album)", new ReadKeys(b, [acl, album]) { As = Bob }),
                new(Release, $"Release {a} → {b}", new ReleaseLink(a, b)),
                new(BobReadsAlbum, $"Bob reads {album} at {b} (single read: the photo, beside the old list he read)", new GetKey(b, album) { As = Bob }),
                new(BobReadsBothAfter, $"Bob reads both at {b} (batch read: new list, new album)", new ReadKeys(b, [acl, album]) { As = Bob }),
            ],
            [new ReleaseLink(a, b)]);
    }

    /// <summary>The run's two keys: the access list and the album.</summary>
    public static (string Acl, string Album) Keys(string run) => ($"acl-{run}", $"album-{run}");
}
