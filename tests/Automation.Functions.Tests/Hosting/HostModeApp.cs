using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Automation.Functions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Automation.Functions.Tests.Hosting;

/// <summary>The handler in host mode on real Kestrel (127.0.0.1, a free port), with the test functions registered.</summary>
internal sealed class HostModeApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _appRoot;

    private HostModeApp(WebApplication app, string appRoot, InvocationLog log)
    {
        _app = app;
        _appRoot = appRoot;
        Log = log;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public InvocationLog Log { get; }

    public static async Task<HostModeApp> StartAsync(string hostJson = """{ "version": "2.0", "extensions": { "queues": { "maxDequeueCount": 3 } } }""")
    {
        var appRoot = Directory.CreateTempSubdirectory("automation-host-").FullName;
        await File.WriteAllTextAsync(Path.Combine(appRoot, "host.json"), hostJson);
        var log = new InvocationLog();
        var app = AutomationApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [AutomationApp.CustomHandlerPortSetting] = "0",
                ["AUTOMATION_APP_ROOT"] = appRoot,
            });
            builder.Services.AddSingleton(log);
            builder.Services.AddTimerFunction<RecordingTimerFunction>(RecordingTimerFunction.Name);
            builder.Services.AddTimerFunction<FailingTimerFunction>(FailingTimerFunction.Name);
            builder.Services.AddQueueFunction<RecordingQueueFunction>(RecordingQueueFunction.Name);
            builder.Services.AddQueueFunction<FailingQueueFunction>(FailingQueueFunction.Name);
        });
        await app.StartAsync();
        return new HostModeApp(app, appRoot, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_appRoot, recursive: true);
    }
}
