using GridAspire.Balancer;
using GridAspire.Balancer.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults([BalancerMetrics.MeterName], [BalancerTracing.SourceName, "Yarp.ReverseProxy"]);
builder.AddBalancer();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.MapBalancer();
app.Run();

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
