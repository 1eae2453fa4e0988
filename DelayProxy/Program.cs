using System.Net;
using GridAspire.DelayProxy;

// Emulated distance: `dotnet run --project DelayProxy -- --admin 127.0.0.1:7480 --link kv1-kv2=127.0.0.1:7512>127.0.0.1:7302@20 ...`
// Each --link listens on one address and forwards to another, delaying each direction; the admin API
// (GET /links, PUT /links/{name} {"oneWayMs":50,"jitterMs":5,"cut":true}) changes them while they run.
var specs = new List<LinkSpec>();
IPEndPoint? admin = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--link" when i + 1 < args.Length:
            if (LinkSpec.Parse(args[++i], out var error) is not { } spec)
            {
                Console.Error.WriteLine($"--link: {error}");
                return 2;
            }

            specs.Add(spec);
            break;
        case "--admin" when i + 1 < args.Length && IPEndPoint.TryParse(args[i + 1], out var endpoint):
            admin = endpoint;
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine("DelayProxy --admin ip:port --link name=listenIp:port>targetHost:port@oneWayMs[~jitterMs] ...");
            return 0;
        default:
            Console.Error.WriteLine($"unknown or incomplete option '{args[i]}' (see --help)");
            return 2;
    }
}

if (specs.Count == 0 || specs.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != specs.Count)
{
    Console.Error.WriteLine("name at least one --link, each with a name of its own");
    return 2;
}

Dictionary<string, DelayLink> links;
try
{
    links = specs.ToDictionary(s => s.Name, s => new DelayLink(s.Name, s.Listen, s.Target, s.Delay), StringComparer.Ordinal);
}
catch (System.Net.Sockets.SocketException ex)
{
    Console.Error.WriteLine($"a link cannot listen: {ex.Message} (is another proxy running?)");
    return 2;
}

foreach (var link in links.Values)
{
    link.Start();
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (admin is not null)
{
    // Otherwise where ASPNETCORE_URLS says: the AppHost gives the admin API an endpoint of its own.
    builder.WebHost.ConfigureKestrel(k => k.Listen(admin));
}

var app = builder.Build();
app.MapGet("/links", () => links.Values.Select(LinkView.Of));
app.MapGet("/health", () => "Healthy");
app.MapPut("/links/{name}", async (string name, HttpRequest request) =>
{
    LinkChange? change;
    try
    {
        // Read here rather than bound: a malformed body gets a problem+json that says why, not an empty 400.
        change = await request.ReadFromJsonAsync<LinkChange>();
    }
    catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
    {
        return Results.Problem($"the body must be JSON like {{\"oneWayMs\":50,\"jitterMs\":5,\"cut\":false}}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
    }

    if (change is null)
    {
        return Results.Problem("the body must be a JSON object", statusCode: StatusCodes.Status400BadRequest);
    }

    if (!links.TryGetValue(name, out var link))
    {
        return Results.Problem($"no link '{name}'", statusCode: StatusCodes.Status404NotFound);
    }

    if (change.OneWayMs is < 0 or > 60_000 || change.JitterMs is < 0 or > 60_000)
    {
        return Results.Problem("oneWayMs and jitterMs must be 0-60000", statusCode: StatusCodes.Status400BadRequest);
    }

    if (change.OneWayMs is not null || change.JitterMs is not null)
    {
        link.Delay = LinkDelay.Milliseconds(change.OneWayMs ?? link.Delay.OneWay.TotalMilliseconds, change.JitterMs ?? link.Delay.Jitter.TotalMilliseconds);
    }

    if (change.Cut is { } cut)
    {
        link.SetCut(cut);
    }

    return Results.Ok(LinkView.Of(link));
});
try
{
    await app.RunAsync();
}
catch (IOException ex)
{
    Console.Error.WriteLine($"the admin API cannot listen: {ex.Message}");
    return 2;
}
finally
{
    foreach (var link in links.Values)
    {
        await link.DisposeAsync();
    }
}

return 0;
