using System.Collections.Concurrent;
using GridAspire.Benchmarks.BareKv;

// A bare ASP.NET Core endpoint storing into a dictionary: the same web host, routing and JSON as a KV node, and no
// clocks, replication, journal or sessions. What a KV node adds is measured against it.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var store = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
app.MapPut("/kv/{key}", (string key, ValueBody body) =>
{
    store[key] = body.Value ?? "";
    return TypedResults.Ok(new Item(key, body.Value));
});
app.MapGet("/kv/{key}", (string key) => store.TryGetValue(key, out var value)
    ? Results.Ok(new Item(key, value))
    : Results.NotFound());
app.Run();
