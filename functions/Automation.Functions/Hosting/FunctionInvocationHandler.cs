using System.Diagnostics;
using System.Text.Json;

namespace Automation.Functions.Hosting;

/// <summary>
/// Serves <c>POST /{FunctionName}</c>: decodes the host's payload, runs the registered function in its own DI scope
/// and answers as the host requires (200 + JSON object on success, non-2xx so the host retries on failure).
/// </summary>
internal sealed partial class FunctionInvocationHandler(
    FunctionRegistry registry,
    HostSettingsProvider hostSettings,
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    ILogger<FunctionInvocationHandler> logger)
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public async Task HandleAsync(HttpContext context, string functionName)
    {
        var cancellationToken = context.RequestAborted;
        var invocationId = context.Request.Headers[InvocationIdHeader].ToString() is { Length: > 0 } header ? header : Guid.NewGuid().ToString();
        if (!registry.TryGet(functionName, out var function))
        {
            LogUnknownFunction(logger, functionName, invocationId);
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, new("FunctionNotFound", $"No timer or queue function named {functionName} is registered.", functionName, invocationId));
            return;
        }

        Func<IServiceProvider, Task> invocation;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken);
            invocation = Bind(function, document.RootElement, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidPayloadException)
        {
            LogMalformedPayload(logger, function.Name, invocationId);
            var message = ex is InvalidPayloadException ? ex.Message : "The body is not valid JSON.";
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, new("MalformedPayload", message, function.Name, invocationId));
            return;
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await using (var scope = scopeFactory.CreateAsyncScope())
            {
                await invocation(scope.ServiceProvider);
            }
        }
        catch (Exception ex)
        {
            var failedAfter = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var exceptionType = ex.GetType().Name;
            LogFailed(logger, ex, function.Name, invocationId, failedAfter, exceptionType);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, new("FunctionFailed", $"The function failed with {exceptionType}.", function.Name, invocationId));
            return;
        }

        var succeededAfter = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        LogSucceeded(logger, function.Name, invocationId, succeededAfter);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(InvocationResponse.Empty, HostingJsonContext.Default.InvocationResponse, "application/json", CancellationToken.None);
    }

    private Func<IServiceProvider, Task> Bind(FunctionRegistration function, JsonElement body, CancellationToken cancellationToken)
    {
        switch (function.Kind)
        {
            case FunctionTriggerKind.Timer:
                var timer = InvocationPayload.ReadTimer(body);
                return services => services.GetRequiredKeyedService<ITimerFunction>(function.Name).RunAsync(timer, cancellationToken);
            case FunctionTriggerKind.Queue:
                var message = InvocationPayload.ReadQueue(body, hostSettings.Current.Queues.MaxDequeueCount);
                return services => services.GetRequiredKeyedService<IQueueFunction>(function.Name).RunAsync(message, cancellationToken);
            default:
                throw new UnreachableException();
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int statusCode, InvocationError error)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new InvocationErrorResponse(error), HostingJsonContext.Default.InvocationErrorResponse, "application/json", CancellationToken.None);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Function {FunctionName} invocation {InvocationId} succeeded in {DurationMs:0} ms")]
    private static partial void LogSucceeded(ILogger logger, string functionName, string invocationId, double durationMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed in {DurationMs:0} ms with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId, double durationMs, string exceptionType);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Function {FunctionName} invocation {InvocationId} rejected: malformed payload")]
    private static partial void LogMalformedPayload(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Invocation {InvocationId} rejected: no function named {FunctionName}")]
    private static partial void LogUnknownFunction(ILogger logger, string functionName, string invocationId);
}

/// <summary>host.json, read once on first use (host mode must not pay for it before answering <c>GET /</c>).</summary>
internal sealed class HostSettingsProvider(AppEnvironment environment)
{
    private readonly Lazy<HostSettings> _settings = new(() => HostSettings.Load(environment.AppRoot));

    public HostSettings Current => _settings.Value;
}

/// <summary>Where the app runs from and in which mode.</summary>
/// <param name="AppRoot">The function app root (holds host.json).</param>
/// <param name="IsHostMode">True when started by the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set).</param>
internal sealed record AppEnvironment(string AppRoot, bool IsHostMode);
