using GridAspire.Substation;
using GridAspire.Substation.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults([SubstationMetrics.MeterName]);
builder.AddSubstation();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.MapSubstation();
app.Run();

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
