using Automation.Functions.Features;
using Automation.Functions.Features.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Every worker log line crosses to the host over gRPC (and on to Application Insights): keep the SDK's per-request
// lines and the ASP.NET Core request lines out, as host.json does on the host's side.
builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.UseMiddleware<HttpFailureMiddleware>();
builder.Services.AddAutomationFunctions(builder.Configuration);
builder.Build().Run();
