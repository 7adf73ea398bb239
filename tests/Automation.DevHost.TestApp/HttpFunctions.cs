using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Automation.DevHost.TestApp;

/// <summary>HTTP functions at each auth level; they answer with what they received.</summary>
public sealed class HttpFunctions
{
    /// <summary>Echoes route values, query, body and headers; <c>?status=418</c> picks the status code.</summary>
    [Function(nameof(Echo))]
    public static async Task<IResult> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", Route = "shops/{shopId}/orders/{orderId}")] HttpRequest request,
        string shopId,
        string orderId,
        FunctionContext context)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.CancellationToken);
        var status = int.TryParse(request.Query["status"], out var code) ? code : StatusCodes.Status200OK;
        var echo = new Dictionary<string, object?>
        {
            ["method"] = request.Method,
            ["shopId"] = shopId,
            ["orderId"] = orderId,
            ["path"] = request.Path.Value,
            ["query"] = request.QueryString.Value,
            ["body"] = body,
            ["header"] = request.Headers["x-test"].ToString(),
            ["functionsKeyHeader"] = request.Headers["x-functions-key"].ToString(),
            ["invocationId"] = context.InvocationId,
            ["invocationHeader"] = request.Headers["x-ms-invocation-id"].ToString(),
            ["triggerShopId"] = context.BindingContext.BindingData.TryGetValue("shopId", out var s) ? s?.ToString() : null,
            ["triggerQuery"] = context.BindingContext.BindingData.TryGetValue("Query", out var q) ? q?.ToString() : null,
            ["triggerHeaders"] = context.BindingContext.BindingData.TryGetValue("Headers", out var h) ? h?.ToString() : null,
        };
        request.HttpContext.Response.Headers["x-echo"] = "yes";
        return TypedResults.Json(echo, statusCode: status);
    }

    [Function(nameof(FunctionLevel))]
    public static IResult FunctionLevel([HttpTrigger(AuthorizationLevel.Function, "get", Route = "secure/function")] HttpRequest request) =>
        TypedResults.Text("function level");

    [Function(nameof(AdminLevel))]
    public static IResult AdminLevel([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "secure/admin")] HttpRequest request) =>
        TypedResults.Text("admin level");

    /// <summary>No route: served at its function name, for every method.</summary>
    [Function(nameof(DefaultRoute))]
    public static IResult DefaultRoute([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequest request) =>
        TypedResults.Text("default route " + request.Method);

    /// <summary>The tests disable it with <c>AzureWebJobs.Switchable.Disabled</c>.</summary>
    [Function(nameof(Switchable))]
    public static IResult Switchable([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "switchable")] HttpRequest request) =>
        TypedResults.Text("enabled");

    /// <summary>Ends the worker process as a crash would, after answering nothing.</summary>
    [Function(nameof(Crash))]
    public static IResult Crash([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "crash")] HttpRequest request)
    {
        Environment.Exit(int.TryParse(request.Query["exitCode"], out var code) ? code : 3);
        return TypedResults.Ok();
    }

    /// <summary>Shows the worker's environment variables the host is expected to set.</summary>
    [Function(nameof(ReadEnvironment))]
    public static IResult ReadEnvironment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "environment/{name}")] HttpRequest request, string name) =>
        Environment.GetEnvironmentVariable(name) is { } value ? TypedResults.Text(value) : TypedResults.NotFound();

    /// <summary>Holds the request open until the function's cancellation token fires or <c>ms</c> passes.</summary>
    [Function(nameof(Slow))]
    public static async Task<IResult> Slow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow")] HttpRequest request, FunctionContext context)
    {
        var delay = int.TryParse(request.Query["ms"], out var ms) ? ms : 1000;
        await Task.Delay(delay, context.CancellationToken);
        return TypedResults.Text(JsonSerializer.Serialize(new { waited = delay }));
    }
}
