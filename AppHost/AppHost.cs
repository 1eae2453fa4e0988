using GridAspire.AppHost.Monitoring;
using GridAspire.AppHost.Publishing;
using GridAspire.AppHost.Topology;

var builder = DistributedApplication.CreateBuilder(args);
var topology = TopologyOptions.From(builder.Configuration);
var publishing = builder.ExecutionContext.IsPublishMode;

// Local default lives in appsettings.json; override with Parameters:kv-cluster-key (user secrets or env).
var clusterKey = builder.AddParameter("kv-cluster-key", secret: true);
var kvNodes = builder.AddKvCluster(topology, clusterKey);

// Switching the balancer's policy changes how the whole grid is balanced: it takes a key, like the KV admin endpoints.
// No single point of failure on the charging path: Topology:Balancers balancers (5090, 5091, ...) and
// Topology:ChargeApis charging APIs (5080, 5081, ...), every API knowing every balancer.
var balancerKey = builder.AddParameter("balancer-admin-key", secret: true);
var balancers = builder.AddBalancers(topology, balancerKey);
var balancer = balancers[0];

// Locally each substation is its own resource and endpoint; in compose they are replicas of one service found by DNS.
if (publishing)
{
    var replicated = builder.AddReplicatedSubstation(topology);
    balancers.ToList().ForEach(b => b.WithReplicatedSubstation(replicated));
    builder.AddMonitoring();
}

// Priority charging is for callers with a key (an ambulance's fleet); one local key lets anyone try it.
var priorityKey = builder.AddParameter("charge-priority-key", secret: true);

// The public entry points get fixed ports, so the load tester and people know where to send requests.
var chargeApis = builder.AddChargeApis(topology, balancers, priorityKey);
var chargeRequest = chargeApis[0];

// Idempotency-Keys live in a shared store (Garnet, run by a .NET project: locally no container needed; in compose its
// own service), so every API replica honours every key.
var storePassword = builder.AddParameter("shared-store-password", secret: true);
var store = builder.AddSharedStore(storePassword, publishing);
chargeApis.ToList().ForEach(api => api.WithSharedIdempotencyStore(store, storePassword));

if (!publishing)
{
    builder.AddCausalityExplorer(kvNodes, clusterKey);
    var substations = builder.AddSubstations(topology, balancerKey);
    balancers.ToList().ForEach(b => b.WithSubstations(substations));
    builder.AddLocalMonitoring(new Dictionary<string, IReadOnlyList<IResourceBuilder<ProjectResource>>>
    {
        ["substation"] = substations,
        ["balancer"] = balancers,
        ["chargerequest"] = chargeApis,
        ["sharedstore"] = [store],
        ["kv"] = kvNodes,
    });
}

// Started from the dashboard (or `dotnet run --project LoadTester -- rush`), never on its own: it floods the grid.
builder.AddProject<Projects.LoadTester>("loadtester", launchProfileName: null)
    .WithReference(chargeRequest)
    .WithReference(balancer)
    .WithEnvironment("Balancer__AdminKey", balancerKey)
    .WithArgs("rush", "--compare", "LeastLoad,PowerOfTwoChoices,RoundRobin")
    .WithExplicitStart()
    .WithComposeProfile("loadtest")
    .WithComposeVolume("./results", "/app/results"); // results stay on the host after `run --rm`

var app = builder.Build();
if (publishing)
{
    await ComposePublisher.PublishAsync(app, builder.Configuration, builder.AppHostDirectory);
    return;
}

await app.RunAsync();
