using GridAspire.AppHost.Topology;

var builder = DistributedApplication.CreateBuilder(args);
var topology = TopologyOptions.From(builder.Configuration);

// Local default lives in appsettings.json; override with Parameters:kv-cluster-key (user secrets or env).
var clusterKey = builder.AddParameter("kv-cluster-key", secret: true);
builder.AddKvCluster(topology.KvNodes, clusterKey);

var substations = builder.AddSubstations(topology);

var balancer = builder.AddProject<Projects.Balancer>("balancer", launchProfileName: null)
    .WithHttpEndpoint(port: 5090, name: "http")
    .WithHttpHealthCheck("/health")
    .WithSubstations(substations);

// The public entry point gets a fixed port, so the load tester and people know where to send requests.
var chargeRequest = builder.AddProject<Projects.ChargeRequest>("chargerequest", launchProfileName: null)
    .WithHttpEndpoint(port: 5080, name: "http")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(balancer)
    .WaitFor(balancer);

// Started from the dashboard (or `dotnet run --project LoadTester`), never on its own: it floods the grid.
builder.AddProject<Projects.LoadTester>("loadtester", launchProfileName: null)
    .WithReference(chargeRequest)
    .WithReference(balancer)
    .WithArgs("--compare", "LeastLoad,PowerOfTwoChoices,RoundRobin")
    .WithExplicitStart();

builder.Build().Run();
