var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.UseProblemResponses();
app.MapDefaultEndpoints();
app.Run();
