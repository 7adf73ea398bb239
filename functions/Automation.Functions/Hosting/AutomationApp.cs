using System.Globalization;
using Automation.Functions.Features;
using Automation.Functions.LocalRunner;
using Automation.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Functions.Hosting;

/// <summary>
/// The composition root. In host mode (FUNCTIONS_CUSTOMHANDLER_PORT set by the Functions host) the app is the custom
/// handler only; otherwise it also plays the host's part for development (see <see cref="LocalRunnerSetup"/>).
/// </summary>
public static class AutomationApp
{
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Builds the app, ready to run.</summary>
    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>).</param>
    /// <param name="configure">
    /// Runs first, before the app's own registrations, so its settings decide the mode, the app root and the storage
    /// account; a <see cref="TimeProvider"/> registered here replaces <see cref="TimeProvider.System"/>.
    /// </param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.AddSimpleConsole(options =>
        {
            // One line per entry: the Functions host turns each stdout line into a log record.
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });

        // The host pings GET / for health; per-request framework logs would drown the function logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Outgoing HTTP (shop endpoints) is logged by the delivery code with its outcome; one line per request is enough.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var started = false;
        StartupFailure.FilterHostErrorsBeforeStart(builder.Logging, () => Volatile.Read(ref started));
        configure?.Invoke(builder);

        var configuration = builder.Configuration;
        var appRoot = AppRoot.Resolve(configuration, Directory.GetCurrentDirectory());
        var port = configuration[CustomHandlerPortSetting];
        var isHostMode = !string.IsNullOrWhiteSpace(port);
        if (isHostMode)
        {
            if (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber))
            {
                throw new InvalidOperationException($"{CustomHandlerPortSetting} must be a TCP port number, not '{port}'.");
            }

            // The host calls http://127.0.0.1:{port}; bind it explicitly so an inherited ASPNETCORE_URLS cannot win.
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{portNumber}"));
        }
        else
        {
            LocalRunnerSetup.Configure(builder, appRoot);
        }

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new AppEnvironment(appRoot, isHostMode));
        services.AddSingleton<HostSettingsProvider>();
        services.AddSingleton<FunctionRegistry>();
        services.AddSingleton<FunctionInvocationHandler>();
        services.AddAzureStorage(configuration);
        services.AddAutomationFeatures(configuration);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started, true));

        // The host probes GET / every 25 ms until the handler answers: answer before routing is even built.
        app.Use(static (context, next) =>
        {
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return Task.CompletedTask;
            }

            return next(context);
        });
        if (!isHostMode)
        {
            app.UseLocalRunner();
        }

        app.UseRouting();
        app.MapPost("/{functionName}", static context =>
            context.RequestServices.GetRequiredService<FunctionInvocationHandler>()
                .HandleAsync(context, (string)context.Request.RouteValues["functionName"]!));
        app.MapAutomationApi();
        if (!isHostMode)
        {
            app.MapLocalRunnerAdmin();
        }

        // GET / answers before routing exists; build the endpoints (minimal API delegates) in the background once
        // listening, so the first real invocation does not pay for it.
        app.Lifetime.ApplicationStarted.Register(static state => ThreadPool.UnsafeQueueUserWorkItem(WarmUpEndpoints, state), app.Services);

        return app;
    }

    /// <summary>
    /// Builds and runs the app until it stops (Program.cs). A start-up failure with a known cause (the port already in
    /// use, Azurite not starting, a bad setting) prints one line on stderr and exits with 1, not several stack traces.
    /// </summary>
    public static int Run(string[] args)
    {
        try
        {
            Build(args).Run();
            return 0;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
        {
            Console.Error.WriteLine(line);
            return 1;
        }
    }

    private static void WarmUpEndpoints(object? services)
    {
        try
        {
            _ = ((IServiceProvider)services!).GetService<EndpointDataSource>()?.Endpoints;
        }
        catch (Exception)
        {
            // Never crash the process from a thread-pool item: stopped before the warm-up ran, or an endpoint
            // that cannot be built, which the first request then reports.
        }
    }
}
