namespace GridAspire.ChargeRequest.Tests;

/// <summary>A stand-in balancer on loopback that answers every booking 409, as a substation's booking ledger can.</summary>
internal sealed class ConflictingBalancer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private ConflictingBalancer(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.Single());

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<ConflictingBalancer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPorts.Next()}");
        var app = builder.Build();
        var balancer = new ConflictingBalancer(app);
        app.MapPost("/sessions", () =>
        {
            Interlocked.Increment(ref balancer._requests);
            return TypedResults.Problem("Booking 'x' is being admitted by another attempt; ask again shortly.", statusCode: 409, title: "Booking in flight");
        });
        await app.StartAsync();
        return balancer;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
