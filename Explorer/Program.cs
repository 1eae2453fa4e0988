using GridAspire.Explorer;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddExplorer();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.MapExplorer();
app.Run();
