using System.Text.Json;

namespace Automation.Functions.LocalRunner;

/// <summary>
/// <c>POST /admin/functions/{name}</c> with the master key and body <c>{"input": "..."}</c>: runs a timer or queue
/// function now and answers 202, as the Functions host's admin API does. For a queue function the input is the message text.
/// </summary>
internal sealed class AdminFunctionsEndpoint(LocalFunctionCatalog catalog, FunctionKeys keys, LocalTriggerDispatcher dispatcher)
{
    public const string Route = "/admin/functions/{name}";

    public async Task HandleAsync(HttpContext context)
    {
        if (!keys.IsMaster(context.Request))
        {
            await TypedResults.Problem(title: "Unauthorized", detail: "The admin API needs the master key in the x-functions-key header.", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        var name = (string)context.Request.RouteValues["name"]!;
        if (!catalog.TryGet(name, out var function))
        {
            await TypedResults.Problem(title: "Not Found", detail: $"No function named {name} is loaded.", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        if (function.Http is not null)
        {
            await TypedResults.Problem(title: "Bad Request", detail: "HTTP functions are called on their route, not through the admin API.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        string? input;
        try
        {
            input = await ReadInputAsync(context.Request, context.RequestAborted);
        }
        catch (JsonException)
        {
            await TypedResults.Problem(title: "Bad Request", detail: "The body must be a JSON object such as {\"input\": \"...\"}.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        dispatcher.RunNow(function, input);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task<string?> ReadInputAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Not an object.");
        }

        return Hosting.JsonReading.Property(document.RootElement, "input") switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { } other => other.GetRawText(),
        };
    }
}
