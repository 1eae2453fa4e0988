using Yarp.ReverseProxy.Configuration;

// Bare YARP: POST /sessions forwarded to BareYarp:Target, default pipeline. What the balancer adds is measured against it.
var builder = WebApplication.CreateBuilder(args);
var target = builder.Configuration["BareYarp:Target"] ?? throw new InvalidOperationException("Set BareYarp:Target to the substation's URL.");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "admit", ClusterId = "substations", Match = new RouteMatch { Path = "/sessions", Methods = ["POST"] } }],
    [new ClusterConfig { ClusterId = "substations", Destinations = new Dictionary<string, DestinationConfig> { ["s1"] = new() { Address = target } } }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
