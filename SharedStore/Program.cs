using GridAspire.SharedStore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSharedStore();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
