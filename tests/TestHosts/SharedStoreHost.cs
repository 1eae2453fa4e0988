using GridAspire.SharedStore.Hosting;

namespace GridAspire.TestHosts;

/// <summary>The real shared store (Garnet in the SharedStore service) on loopback, with a password.</summary>
public sealed class SharedStoreHost : LoopbackAppFactory<GarnetHost>
{
    public const string Password = "test-store-password-0123456789";

    public SharedStoreHost()
        : this(LoopbackPorts.Next())
    {
    }

    private SharedStoreHost(int storePort)
        : base(new Dictionary<string, string?>
        {
            ["SharedStore:Port"] = storePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SharedStore:Password"] = Password,
        })
    {
        StorePort = storePort;
        StartServer();
    }

    /// <summary>The Redis-protocol port.</summary>
    public int StorePort { get; }

    /// <summary>What a client puts in <c>ConnectionStrings:idempotency</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{StorePort},password={Password}";
}
