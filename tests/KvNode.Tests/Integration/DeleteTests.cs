using System.Net;
using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class DeleteTests
{
    [Fact]
    public async Task Reading_a_deleted_key_answers_404_naming_the_delete_and_an_unknown_key_names_nothing()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "1");
        var delete = await session.DeleteAsync(cluster["kv1"].Address, "x");

        var deleted = await session.GetAsync(cluster["kv1"].Address, "x");
        var unknown = await session.GetAsync(cluster["kv1"].Address, "never-written");

        Assert.Equal(HttpStatusCode.NotFound, deleted.Status);
        Assert.True(deleted.Item is { Deleted: true, Value: null, Origin: "kv1" });
        Assert.Equal(delete.Item!.Clock, deleted.Item.Clock);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Null(unknown.Item);
    }
}
