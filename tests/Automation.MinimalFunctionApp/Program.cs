using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();

/// <summary>The one function: answers "pong".</summary>
internal sealed class Ping
{
    [Function(nameof(Ping))]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => TypedResults.Ok("pong");
}
