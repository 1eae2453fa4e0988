using GridAspire.ChargeRequest;
using GridAspire.ChargeRequest.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults([ChargeMetrics.MeterName]);
builder.AddChargeRequest();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.MapChargeRequest();
app.Run();

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
