using GridAspire.KvNode;
using GridAspire.KvNode.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults([KvMetrics.MeterName], [KvTracing.SourceName]);
builder.AddKvNode();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.MapKvNode();
app.Run();

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
