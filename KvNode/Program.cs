using GridAspire.KvNode;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Operations;

if (args is ["leave", .. var leaveArgs])
{
    return await LeaveCommand.RunAsync(leaveArgs, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults([KvMetrics.MeterName], [KvTracing.SourceName]);
builder.AddKvNode();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.MapKvNode();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
