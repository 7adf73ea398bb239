var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/", () => TypedResults.Ok());
app.Run();
