using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Automation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Automation.Functions.Tests.Support;

/// <summary>
/// Counts the storage requests (billed transactions) the function app makes. The app runs in its own process, so
/// instead of a pipeline policy inside it, it is given a connection string whose table and queue endpoints are this
/// proxy, which forwards every request unchanged to Azurite and counts it by resource and verb. Shared Key signatures
/// cover the path, not the host and port, so they stay valid through the proxy. A retried request is two requests,
/// as Azure bills it.
/// </summary>
internal sealed class StorageCountingProxy : IAsyncDisposable
{
    private readonly WebApplication _tables;
    private readonly WebApplication _queues;
    private readonly ConcurrentDictionary<(string Service, string Resource, string Verb), int> _byResource = new();
    private readonly ConcurrentDictionary<string, long> _busyTicks = new(StringComparer.Ordinal);
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false });

    private StorageCountingProxy(WebApplication tables, WebApplication queues)
    {
        _tables = tables;
        _queues = queues;
    }

    /// <summary>A connection string like Azurite's, with the table and queue endpoints pointing at the proxy.</summary>
    public string ConnectionString { get; private set; } = "";

    public int Total => _byResource.Values.Sum();

    public static async Task<StorageCountingProxy> StartAsync(AzuriteFixture azurite)
    {
        StorageCountingProxy? proxy = null;
        var tables = Build("table", $"http://127.0.0.1:{azurite.TablePort}/", () => proxy!);
        var queues = Build("queue", $"http://127.0.0.1:{azurite.QueuePort}/", () => proxy!);
        proxy = new StorageCountingProxy(tables, queues);
        await tables.StartAsync();
        await queues.StartAsync();
        proxy.ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"TableEndpoint={Address(tables)}/{AzuriteFixture.AccountName};QueueEndpoint={Address(queues)}/{AzuriteFixture.AccountName};";
        return proxy;
    }

    /// <summary>Requests to one table or queue with one verb, e.g. <c>Of("Shops", "GET")</c>.</summary>
    public int Of(string resource, string verb) =>
        _byResource.Where(c => c.Key.Resource == resource && c.Key.Verb == verb).Sum(c => c.Value);

    /// <summary>Requests to one service ("table" or "queue").</summary>
    public int OfService(string service) => _byResource.Where(c => c.Key.Service == service).Sum(c => c.Value);

    /// <summary>
    /// The counts by service and verb, e.g. "table GET 2, table POST 1"; of one <paramref name="service"/> only when given
    /// ("table": the code's own calls, without the development host's queue polls, which go through the proxy too).
    /// </summary>
    public string Describe(string? service = null) => string.Join(", ", _byResource
        .Where(c => service is null || c.Key.Service == service)
        .GroupBy(c => $"{c.Key.Service} {c.Key.Verb}")
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Sum(c => c.Value)}"));

    /// <summary>The counts of one service by resource and verb, e.g. "Orders GET 10, Orders POST 101".</summary>
    public string DescribeByResource(string service) => string.Join(", ", _byResource
        .Where(c => c.Key.Service == service)
        .OrderBy(c => c.Key.Resource, StringComparer.Ordinal).ThenBy(c => c.Key.Verb, StringComparer.Ordinal)
        .Select(c => $"{c.Key.Resource} {c.Key.Verb} {c.Value}"));

    /// <summary>
    /// The time requests to one service spent being forwarded and answered (summed over requests, so concurrent ones
    /// add up): for a caller that makes its calls one after another, its time waiting on storage.
    /// </summary>
    public TimeSpan BusyTime(string service) => TimeSpan.FromTicks(_busyTicks.GetValueOrDefault(service));

    public void Reset()
    {
        _byResource.Clear();
        _busyTicks.Clear();
    }

    /// <summary>
    /// Called with each request before it is forwarded, while the app waits for its answer: the seam for
    /// interleaving another writer deterministically between two storage calls of one invocation.
    /// </summary>
    public Func<StorageRequest, Task>? BeforeForward { get; set; }

    /// <summary>While set, table requests are answered with this status instead of being forwarded (storage refusing).</summary>
    public int? FailTablesWith { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _tables.DisposeAsync();
        await _queues.DisposeAsync();
        _http.Dispose();
    }

    private static WebApplication Build(string service, string target, Func<StorageCountingProxy> proxy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.Run(async context =>
        {
            var self = proxy();
            self.Count(service, context.Request);
            if (self.BeforeForward is { } before)
            {
                await before(new StorageRequest(service, context.Request.Method, Uri.UnescapeDataString(context.Request.Path.Value ?? "")));
            }

            if (service == "table" && self.FailTablesWith is { } status)
            {
                context.Response.StatusCode = status;
                return;
            }

            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            var started = Stopwatch.GetTimestamp();
            var error = await forwarder.SendAsync(context, target, self._http, ForwarderRequestConfig.Empty, RawTargetTransformer.Instance);
            var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
            self._busyTicks.AddOrUpdate(service, elapsed, (_, total) => total + elapsed);
            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            }
        });
        return app;
    }

    private void Count(string service, HttpRequest request)
    {
        // Path-style (Azurite): /{account}/{table or queue}[(keys)|/messages...]
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1].Split('(')[0] : "";
        _byResource.AddOrUpdate((service, resource, request.Method), 1, static (_, n) => n + 1);
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>
    /// Forwards the request target exactly as received. By default the path is decoded and encoded again, which can
    /// turn <c>%7C</c> into <c>|</c>; storage signs the path as the client sent it, so Azurite would refuse the request.
    /// </summary>
    private sealed class RawTargetTransformer : HttpTransformer
    {
        public static readonly RawTargetTransformer Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            var rawTarget = httpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
            proxyRequest.RequestUri = new Uri(destinationPrefix.TrimEnd('/') + rawTarget);
        }
    }
}

/// <summary>A storage request as the proxy saw it: service ("table" or "queue"), verb and unescaped path.</summary>
internal sealed record StorageRequest(string Service, string Method, string Path);
