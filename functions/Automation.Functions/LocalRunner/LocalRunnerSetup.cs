using Automation.Functions.Hosting;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Automation.Functions.LocalRunner;

/// <summary>
/// Local mode (no FUNCTIONS_CUSTOMHANDLER_PORT): the app also plays the Functions host's part for development. It
/// loads local.settings.json, listens on http://127.0.0.1:7071 unless told otherwise, serves the HTTP functions'
/// routes with key checks, fires timers, polls trigger queues and offers the admin API, all calling the handler
/// exactly as the host would.
/// </summary>
internal static class LocalRunnerSetup
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static void Configure(WebApplicationBuilder builder, string appRoot)
    {
        var configuration = builder.Configuration;
        var settings = LocalSettingsFile.EnsureAndLoad(appRoot);
        AddBelowEnvironment(configuration, settings.Values);
        PrintSettingsNotice(settings);

        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]) &&
            string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey]) &&
            string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddSingleton(sp => LocalRunnerPaths.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<AppEnvironment>()));
        services.AddSingleton<LocalFunctionCatalog>();
        services.AddSingleton<FunctionKeys>();
        services.AddSingleton<LocalRunnerToken>();
        services.AddSingleton<LocalHandlerClient>();
        services.AddSingleton<LocalTriggerDispatcher>();
        services.AddSingleton<LocalHostGate>();
        services.AddSingleton<AdminFunctionsEndpoint>();
        services.AddSingleton<AzuriteStatus>();

        // Started in this order: storage first, so the queue listeners find it.
        services.AddHostedService<AzuriteLauncher>();
        services.AddHostedService<StartupBanner>();
        services.AddHostedService<TimerTriggerService>();
        services.AddHostedService<QueueTriggerService>();
    }

    public static IApplicationBuilder UseLocalRunner(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<LocalHostGate>();
        return app.Use(gate.InvokeAsync);
    }

    public static IEndpointRouteBuilder MapLocalRunnerAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AdminFunctionsEndpoint.Route, static context =>
            context.RequestServices.GetRequiredService<AdminFunctionsEndpoint>().HandleAsync(context));
        return endpoints;
    }

    // Core Tools convention: local.settings.json Values are app settings, and environment variables override them.
    private static void AddBelowEnvironment(ConfigurationManager configuration, IReadOnlyDictionary<string, string?> values)
    {
        // Core Tools hands Values to the worker as environment variables, whose "__" means a configuration section.
        var source = new MemoryConfigurationSource
        {
            InitialData = values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value)),
        };
        var sources = (IList<IConfigurationSource>)((IConfigurationBuilder)configuration).Sources;
        var environment = sources.Select((s, i) => (s, i)).FirstOrDefault(x => x.s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (environment.s is null)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(environment.i, source);
        }
    }

    private static void PrintSettingsNotice(LocalSettings settings)
    {
        if (settings.Created)
        {
            Console.Out.WriteLine($"Created {settings.Path} (git-ignored; edit it for your settings).");
        }

        foreach (var (name, key) in settings.GeneratedKeys)
        {
            Console.Out.WriteLine($"Generated {name}={key} and saved it in {settings.Path}.");
        }
    }
}
