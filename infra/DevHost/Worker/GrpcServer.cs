using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Worker;

/// <summary>
/// The host's gRPC server as the real host runs it (reference §1.2): Kestrel on 127.0.0.1, a free port, HTTP/2 only
/// without TLS (h2c), no message size limits.
/// </summary>
internal sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcServerLifetime _lifetime;

    private GrpcServer(WebApplication app, GrpcServerLifetime lifetime, Uri address)
    {
        _app = app;
        _lifetime = lifetime;
        Address = address;
    }

    /// <summary>The address given to the worker as <c>--functions-uri</c>, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    public static async Task<GrpcServer> StartAsync(WorkerChannels channels, ILoggerProvider logging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],

            // Not the current folder: an appsettings.json there (e.g. with Kestrel endpoints) is not ours to read.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty); // an inherited ASPNETCORE_URLS must not add endpoints
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.ClearProviders().AddProvider(logging).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
            grpc.EnableDetailedErrors = true;
        });
        var lifetime = new GrpcServerLifetime();
        builder.Services.AddSingleton(channels);
        builder.Services.AddSingleton(lifetime);

        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GrpcServer(app, lifetime, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        _lifetime.Stop();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutdown timed out; disposing below closes what is left.
        }

        await _app.DisposeAsync();
        _lifetime.Dispose();
    }
}
