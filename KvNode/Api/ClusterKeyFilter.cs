using GridAspire.KvNode.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Api;

/// <summary>The endpoints for cluster members and operators (replication, /admin) demand <c>Kv:ClusterKey</c> as a bearer token.</summary>
internal static class ClusterKeyFilter
{
    /// <summary>The filter: 401 without the cluster key, nothing changed.</summary>
    public static BearerKeyFilter Instance { get; } =
        new(services => services.GetRequiredService<IOptions<KvOptions>>().Value.ClusterKey, "Kv:ClusterKey");
}
