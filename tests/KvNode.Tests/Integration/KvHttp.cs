namespace GridAspire.KvNode.Tests.Integration;

internal static class KvHttp
{
    public static async Task ConfigureLinkAsync(this KvTestNode node, string peer, object faults)
    {
        using var admin = node.Admin();
        using var response = await admin.PutAsJsonAsync($"/admin/links/{peer}", faults);
        response.EnsureSuccessStatusCode();
    }

    public static async Task HoldAsync(this KvTestNode node, string peer)
    {
        using var admin = node.Admin();
        using var response = await admin.PostAsync($"/admin/links/{peer}/hold", null);
        response.EnsureSuccessStatusCode();
    }

    public static async Task ReleaseAsync(this KvTestNode node, string peer)
    {
        using var admin = node.Admin();
        using var response = await admin.PostAsync($"/admin/links/{peer}/release", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends <paramref name="request"/> to <paramref name="node"/> and asserts a 4xx problem that changed nothing.</summary>
    public static async Task AssertRefusedWithoutChangeAsync(this KvTestNode node, HttpClient http, HttpRequestMessage request)
    {
        var before = node.Node.Status();

        using var response = await http.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = node.Node.Status();
        Assert.Equal(before.Clock, after.Clock);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(before.Buffered, after.Buffered);
    }

    public static async Task<StatusResponse> StatusAsync(this KvTestNode node)
    {
        using var http = node.Http();
        return (await http.GetFromJsonAsync<StatusResponse>("/status"))!;
    }
}
