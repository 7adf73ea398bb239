using Automation.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Hosting;

/// <summary>
/// The app in local mode on real Kestrel (127.0.0.1, a free port) from a temporary app root, with settings given
/// as configuration, and a client for it. Disposing stops the app and deletes the app root.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApp(WebApplication app, string appRoot)
    {
        _app = app;
        AppRoot = appRoot;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public string AppRoot { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A new, empty app root for the caller to fill with host.json and function folders.</summary>
    public static string NewAppRoot(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Copies a function's folder (its function.json) into the app root's functions folder.</summary>
    public static void AddFunction(string appRoot, string functionJsonPath)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(functionJsonPath)!);
        var target = Directory.CreateDirectory(Path.Combine(appRoot, "functions", name)).FullName;
        File.Copy(functionJsonPath, Path.Combine(target, "function.json"));
    }

    public static async Task<RunningApp> StartAsync(
        string appRoot,
        IReadOnlyDictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? mapEndpoints = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AUTOMATION_APP_ROOT"] = appRoot,
            ["LocalRunner:StartAzurite"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var app = AutomationApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            configure?.Invoke(builder);
        });
        mapEndpoints?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // As WebApplication.Run does after a failed start: the host is disposed (hosted services are not stopped).
            await app.DisposeAsync();
            throw;
        }

        return new RunningApp(app, appRoot);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(AppRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
