using System.Globalization;
using System.Net;
using System.Text.Json;
using Automation.DevHost.Settings;
using Automation.DevHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Automation.DevHost.Http;

/// <summary>What the front door serves once the worker has loaded its functions.</summary>
/// <param name="Routes">The HTTP functions' routes.</param>
/// <param name="Functions">Every loaded function by name (case-insensitive), for the admin API.</param>
/// <param name="Workers">The worker that is ready: its own HTTP server (its HttpUri capability) and its stream.</param>
/// <param name="Invoker">Waits for invocation answers within the function timeout.</param>
/// <param name="RunNow">Starts a timer or queue function now for the admin API (input: the queue message text).</param>
internal sealed record FrontDoorRuntime(
    HttpRouteTable Routes,
    IReadOnlyDictionary<string, LoadedFunction> Functions,
    WorkerSupervisor Workers,
    FunctionInvoker Invoker,
    Action<LoadedFunction, string?> RunNow);

/// <summary>
/// The host's public HTTP surface (reference §4): <c>/{routePrefix}/...</c> where an HTTP function's route and methods
/// match, after its <c>authLevel</c> key check, forwarded to the worker with YARP's forwarder together with the
/// matching InvocationRequest; the admin API <c>POST /admin/functions/{name}</c>; and <c>GET /</c>. It listens before
/// the worker starts (so a port in use fails at once) and answers 503 until the functions are loaded.
/// </summary>
internal sealed partial class FrontDoor : IAsyncDisposable
{
    private const string AdminFunctionsPath = "/admin/functions";

    private readonly WebApplication _app;
    private readonly FunctionKeys _keys;
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly IInlineConstraintResolver _constraints;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ForwarderRequestConfig _requestConfig;
    private FrontDoorRuntime? _runtime;

    private FrontDoor(WebApplication app, FunctionKeys keys, TimeSpan activityTimeout, TimeProvider timeProvider)
    {
        _app = app;
        _keys = keys;
        _requestConfig = new() { ActivityTimeout = activityTimeout };
        _timeProvider = timeProvider;
        _forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        _constraints = app.Services.GetRequiredService<IInlineConstraintResolver>();
        _logger = app.Services.GetRequiredService<ILogger<FrontDoor>>();
        _client = ConnectRetryHandler.CreateClient(timeProvider);
    }

    /// <summary>The address it listens on, with the port resolved (e.g. <c>http://127.0.0.1:7071/</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FrontDoor> StartAsync(string urls, FunctionKeys keys, TimeSpan activityTimeout, ILoggerProvider logging, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],

            // Not the current folder: an appsettings.json there (e.g. with Kestrel endpoints) is not ours to read.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders().AddProvider(logging)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Yarp", LogLevel.Warning)
            .AddFilter("System", LogLevel.Warning);
        builder.Services.AddRouting();
        builder.Services.AddHttpForwarder();

        var app = builder.Build();
        var door = new FrontDoor(app, keys, activityTimeout, timeProvider);
        app.Run(door.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await door.DisposeAsync();
            throw new DevHostStartupException($"{ex.Message} Is the development host already running? Stop it, or give another address with --urls.", ex);
        }
        catch
        {
            await door.DisposeAsync();
            throw;
        }

        door.BaseAddress = ResolveBaseAddress(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);
        return door;
    }

    /// <summary>Starts serving the functions.</summary>
    public void Activate(FrontDoorRuntime runtime) => Volatile.Write(ref _runtime, runtime);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Requests still running after the grace period are cut off by disposing.
        }

        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Automation development host: running.\n", context.RequestAborted);
            return;
        }

        var runtime = Volatile.Read(ref _runtime);
        if (runtime is null)
        {
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The host is starting: the worker has not loaded its functions yet.");
            return;
        }

        if (request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            await AdminAsync(context, runtime);
            return;
        }

        if (runtime.Routes.Match(context, _constraints) is not { } match)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Not Found", "No function matches this method and path.");
            return;
        }

        var function = match.Function;
        if (!_keys.IsAuthorized(request, function.Function.AuthLevel!))
        {
            // The host answers 401 without saying more; the detail helps locally and names no key.
            var needs = function.Function.AuthLevel == "function" ? "a function or master key" : "the master key";
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", $"This function needs {needs} in the x-functions-key header or the code query parameter.");
            return;
        }

        await ForwardAsync(context, runtime, function, match.Values);
    }

    /// <summary>
    /// As the host: start forwarding the request (with <c>x-ms-invocation-id</c>), then send the InvocationRequest,
    /// then await both. The worker pairs them by invocation id; its HTTP response is the answer.
    /// </summary>
    private async Task ForwardAsync(HttpContext context, FrontDoorRuntime runtime, LoadedFunction function, RouteValueDictionary routeValues)
    {
        var request = context.Request;
        var invocationId = Guid.NewGuid().ToString();
        var started = _timeProvider.GetTimestamp();
        var invocation = InvocationPayloads.Http(
            function,
            invocationId,
            routeValues.Select(v => KeyValuePair.Create(v.Key, Convert.ToString(v.Value, CultureInfo.InvariantCulture))),
            request.Query.Where(q => !string.Equals(q.Key, FunctionKeys.KeyQuery, StringComparison.OrdinalIgnoreCase))
                .Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())),
            request.Headers.Where(h => !string.Equals(h.Key, FunctionKeys.KeyHeader, StringComparison.OrdinalIgnoreCase))
                .Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));

        WorkerInstance worker;
        try
        {
            // While a dead worker is restarted, the request waits for the new one.
            worker = await runtime.Workers.ReadyAsync(context.RequestAborted);
        }
        catch (WorkerExitedException ex)
        {
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The worker is not running: " + ex.Message);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var pending = worker.Channel.RegisterInvocation(invocationId);
        var forwarding = _forwarder.SendAsync(context, worker.HttpUri!.ToString(), _client, _requestConfig, new InvocationTransformer(invocationId)).AsTask();
        InvocationResult? result = null;
        string? failure = null;
        try
        {
            worker.Channel.SendInvocation(invocation);
            result = await runtime.Invoker.CompleteAsync(function, worker.Channel, invocationId, pending, started, context.RequestAborted);
        }
        catch (WorkerExitedException ex)
        {
            worker.Channel.Forget(invocationId);
            failure = ex.Message;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            failure = "the client went away";
        }

        var error = await forwarding;
        var durationMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        if (error != ForwarderError.None)
        {
            var reason = context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? failure ?? "-";
            LogForwardFailed(_logger, request.Method, request.Path.Value ?? "/", function.Name, error.ToString(), reason, context.Response.StatusCode);
        }
        else if (result is { Succeeded: false } || failure is not null)
        {
            LogHttpFailed(_logger, request.Method, request.Path.Value ?? "/", function.Name, context.Response.StatusCode, result?.Status ?? "Failed", result?.ExceptionType ?? failure ?? "-", durationMs);
        }
        else
        {
            LogHttp(_logger, request.Method, request.Path.Value ?? "/", function.Name, context.Response.StatusCode, durationMs);
        }
    }

    /// <summary>
    /// <c>POST /admin/functions/{name}</c> with the master key and body <c>{"input": "..."}</c>: runs a timer or queue
    /// function now and answers 202 at once, as the host's admin API does. For a queue function the input is the message text.
    /// </summary>
    private async Task AdminAsync(HttpContext context, FrontDoorRuntime runtime)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(AdminFunctionsPath, StringComparison.OrdinalIgnoreCase, out var rest) ||
            rest.Value is not { Length: > 1 } tail || tail.IndexOf('/', 1) >= 0)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Not Found", "The admin API offers POST /admin/functions/{name}.");
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await ProblemAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", "Use POST to run a function.");
            return;
        }

        if (!_keys.IsMaster(request))
        {
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "The admin API needs the master key in the x-functions-key header.");
            return;
        }

        var name = Uri.UnescapeDataString(tail[1..]);
        if (!runtime.Functions.TryGetValue(name, out var function) || !function.IsServed)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Not Found", $"No function named {name} is loaded and enabled.");
            return;
        }

        if (function.Function.TriggerKind is not (DevHostTriggerKind.Timer or DevHostTriggerKind.Queue))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad Request", "HTTP functions are called on their route, not through the admin API.");
            return;
        }

        string? input;
        try
        {
            input = await ReadInputAsync(request, context.RequestAborted);
        }
        catch (JsonException)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad Request", "The body must be a JSON object such as {\"input\": \"...\"}.");
            return;
        }

        runtime.RunNow(function, input);
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

        return JsonReading.Property(document.RootElement, "input") switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { } other => other.GetRawText(),
        };
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);

    // Kestrel reports what it bound: a wildcard host is not an address a client can call.
    private static Uri ResolveBaseAddress(ICollection<string> addresses)
    {
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            uri = new UriBuilder(uri) { Host = "localhost" }.Uri;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "HTTP {Method} {Path} -> {FunctionName}: {StatusCode}, {DurationMs:0} ms")]
    private static partial void LogHttp(ILogger logger, string method, string path, string functionName, int statusCode, double durationMs);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "HTTP {Method} {Path} -> {FunctionName}: {StatusCode}, invocation {Status} ({Reason}), {DurationMs:0} ms")]
    private static partial void LogHttpFailed(ILogger logger, string method, string path, string functionName, int statusCode, string status, string reason, double durationMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "HTTP {Method} {Path} -> {FunctionName}: forwarding to the worker failed ({Error}: {Reason}); answered {StatusCode}")]
    private static partial void LogForwardFailed(ILogger logger, string method, string path, string functionName, string error, string reason, int statusCode);
}
