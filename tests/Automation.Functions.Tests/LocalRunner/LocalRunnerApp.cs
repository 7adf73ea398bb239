using Automation.Functions.Hosting;
using Automation.Functions.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.LocalRunner;

/// <summary>
/// The app in local mode (see <see cref="RunningApp"/>) with an app root made of the test function app's host.json and
/// the function folders a test asks for, and the test functions registered.
/// </summary>
internal sealed class LocalRunnerApp : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key";
    public const string MasterKey = "test-master-key";

    private readonly RunningApp _app;

    private LocalRunnerApp(RunningApp app, InvocationLog log)
    {
        _app = app;
        Log = log;
    }

    public HttpClient Client => _app.Client;

    public InvocationLog Log { get; }

    public string AppRoot => _app.AppRoot;

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalRunnerApp> StartAsync(
        IEnumerable<string> functions,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? mapEndpoints = null,
        TimeProvider? timeProvider = null,
        bool withNodeModules = false)
    {
        var appRoot = RunningApp.NewAppRoot("automation-local-");
        if (withNodeModules)
        {
            Directory.CreateSymbolicLink(Path.Combine(appRoot, "node_modules"), Path.Combine(RepositoryPaths.Root, "node_modules"));
        }

        File.Copy(Path.Combine(RepositoryPaths.TestFunctionApp, "host.json"), Path.Combine(appRoot, "host.json"));
        foreach (var function in functions)
        {
            RunningApp.AddFunction(appRoot, Path.Combine(RepositoryPaths.TestFunctionApp, "functions", function, "function.json"));
        }

        var values = new Dictionary<string, string?>
        {
            ["LOCAL_FUNCTION_KEY"] = FunctionKey,
            ["LOCAL_MASTER_KEY"] = MasterKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var log = new InvocationLog();
        var app = await RunningApp.StartAsync(appRoot, values, builder =>
        {
            if (timeProvider is not null)
            {
                builder.Services.AddSingleton(timeProvider);
            }

            builder.Services.AddSingleton(log);
            builder.Services.AddTimerFunction<RecordingTimerFunction>(RecordingTimerFunction.Name);
            builder.Services.AddTimerFunction<SlowTimerFunction>(SlowTimerFunction.Name);
            builder.Services.AddQueueFunction<RecordingQueueFunction>(RecordingQueueFunction.Name);
            builder.Services.AddQueueFunction<FailingQueueFunction>(FailingQueueFunction.Name);
            builder.Services.AddSingleton<FunctionGate>();
            builder.Services.AddQueueFunction<GatedQueueFunction>(GatedQueueFunction.Name);
        }, mapEndpoints);
        return new LocalRunnerApp(app, log);
    }

    /// <summary>Stops the app as Ctrl+C or SIGTERM does (disposing it afterwards is still needed).</summary>
    public Task StopAsync() => _app.StopAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
