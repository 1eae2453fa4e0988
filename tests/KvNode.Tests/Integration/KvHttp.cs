using GridAspire.KvClient.Client;

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

    public static async Task<NodeStatus> StatusAsync(this KvTestNode node)
    {
        using var http = node.Http();
        return (await http.GetFromJsonAsync<NodeStatus>("/status"))!;
    }
}
