using Automation.Functions.Hosting;
using Automation.Functions.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.LocalRunner;

/// <summary>
/// The app in local mode on real Kestrel (127.0.0.1, a free port), with an app root made of the test function app's
/// host.json and the function folders a test asks for, and the test functions registered.
/// </summary>
internal sealed class LocalRunnerApp : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key";
    public const string MasterKey = "test-master-key";

    private readonly WebApplication _app;

    private LocalRunnerApp(WebApplication app, string appRoot, InvocationLog log)
    {
        _app = app;
        AppRoot = appRoot;
        Log = log;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public InvocationLog Log { get; }

    public string AppRoot { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalRunnerApp> StartAsync(
        IEnumerable<string> functions,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? mapEndpoints = null,
        TimeProvider? timeProvider = null,
        bool withNodeModules = false)
    {
        var appRoot = Directory.CreateTempSubdirectory("automation-local-").FullName;
        if (withNodeModules)
        {
            Directory.CreateSymbolicLink(Path.Combine(appRoot, "node_modules"), Path.Combine(RepositoryPaths.Root, "node_modules"));
        }

        File.Copy(Path.Combine(RepositoryPaths.TestFunctionApp, "host.json"), Path.Combine(appRoot, "host.json"));
        foreach (var function in functions)
        {
            var target = Directory.CreateDirectory(Path.Combine(appRoot, "functions", function)).FullName;
            File.Copy(Path.Combine(RepositoryPaths.TestFunctionApp, "functions", function, "function.json"), Path.Combine(target, "function.json"));
        }

        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AUTOMATION_APP_ROOT"] = appRoot,
            ["LocalRunner:StartAzurite"] = "false",
            ["LOCAL_FUNCTION_KEY"] = FunctionKey,
            ["LOCAL_MASTER_KEY"] = MasterKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var log = new InvocationLog();
        var app = AutomationApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            if (timeProvider is not null)
            {
                builder.Services.AddSingleton(timeProvider);
            }

            builder.Services.AddSingleton(log);
            builder.Services.AddTimerFunction<RecordingTimerFunction>(RecordingTimerFunction.Name);
            builder.Services.AddQueueFunction<RecordingQueueFunction>(RecordingQueueFunction.Name);
            builder.Services.AddQueueFunction<FailingQueueFunction>(FailingQueueFunction.Name);
        });
        mapEndpoints?.Invoke(app);
        await app.StartAsync();
        return new LocalRunnerApp(app, appRoot, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(AppRoot, recursive: true);
    }
}
