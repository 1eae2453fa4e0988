using System.Globalization;
using System.Net;
using GridAspire.Substation.Charging;

namespace GridAspire.TestHosts;

/// <summary>A real substation on Kestrel at a loopback address (127.0.0.1 unless told otherwise).</summary>
public sealed class SubstationHost : LoopbackAppFactory<ChargingSessions>
{
    private readonly TimeProvider? _time;

    public SubstationHost(
        string id,
        double capacityKw,
        double speed = 1,
        IPAddress? address = null,
        int? port = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null)
        : base(WithDefaults(id, capacityKw, speed, settings), address, port)
    {
        _time = time;
        StartServer();
    }

    private static Dictionary<string, string?> WithDefaults(string id, double capacityKw, double speed, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Substation:Id"] = id,
            ["Substation:CapacityKw"] = capacityKw.ToString(CultureInfo.InvariantCulture),
            ["Simulation:Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            // Most grid tests count in full powers (a 22 kW vehicle takes 22 kW); the shared-power tests say Shared.
            ["Substation:Allocation"] = "Fixed",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        if (_time is not null)
        {
            services.AddSingleton(_time);
        }
    }
}
