using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Automation.Functions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Automation.Functions.LocalRunner;

/// <summary>The result of one payload-mode call, judged as the host judges it.</summary>
internal sealed record InvocationOutcome(bool Succeeded, int? StatusCode, string Detail, TimeSpan Duration);

/// <summary>Marks the local runner's own calls to <c>POST /{FunctionName}</c>, which the public surface does not expose.</summary>
internal sealed class LocalRunnerToken
{
    public const string Header = "X-Local-Runner-Token";

    public string Value { get; } = LocalSettingsFile.NewKey();

    public bool IsPresentOn(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } provided &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(provided), System.Text.Encoding.UTF8.GetBytes(Value));
}

/// <summary>Calls the handler over loopback HTTP with the host's headers and body, as the Functions host does.</summary>
internal sealed class LocalHandlerClient : IDisposable
{
    public const string HostVersion = "4.0.0-local";

    private readonly IServer _server;
    private readonly LocalRunnerToken _token;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _http;
    private Uri? _baseAddress;

    public LocalHandlerClient(IServer server, HostSettingsProvider hostSettings, LocalRunnerToken token, TimeProvider timeProvider)
    {
        _server = server;
        _token = token;
        _timeProvider = timeProvider;

        // As the host: its HttpClient timeout is functionTimeout + 1 minute, unbounded without one.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            Timeout = hostSettings.Current.FunctionTimeout is { } timeout ? timeout + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The handler's own address, known once the server has started.</summary>
    public Uri BaseAddress => _baseAddress ??= LoopbackAddress(_server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    public async Task<InvocationOutcome> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, Uri.EscapeDataString(functionName)))
            {
                Content = new ChunkedJsonContent(payload),
            };
            request.Headers.Add(FunctionInvocationHandler.InvocationIdHeader, Guid.NewGuid().ToString());
            request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
            request.Headers.UserAgent.ParseAdd($"Azure-Functions-Host/{HostVersion}");
            request.Headers.Add(LocalRunnerToken.Header, _token.Value);

            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var duration = _timeProvider.GetElapsedTime(started);
            if (!response.IsSuccessStatusCode)
            {
                return new(false, status, $"handler answered {status}", duration);
            }

            // The host accepts only a JSON object: other content fails the invocation, an empty body hangs it.
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not ("application/json" or "text/json"))
            {
                return new(false, status, $"handler answered {status} with Content-Type '{mediaType}', not application/json", duration);
            }

            if (!IsJsonObject(body))
            {
                return new(false, status, $"handler answered {status} without a JSON object body", duration);
            }

            return new(true, status, $"handler answered {status}", duration);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(false, null, $"call failed: {ex.GetType().Name}", _timeProvider.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();

    internal static Uri LoopbackAddress(ICollection<string> addresses)
    {
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet.");
        var uri = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        var builder = new UriBuilder(uri) { Path = "/" };
        if (uri.Host is "0.0.0.0" or "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && ip.Equals(IPAddress.IPv6Any)))
        {
            builder.Host = "127.0.0.1";
        }

        return builder.Uri;
    }

    private static bool IsJsonObject(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The host sends an ObjectContent of unknown length: chunked, without Content-Length.
    private sealed class ChunkedJsonContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedJsonContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

internal static class HostLifetimeExtensions
{
    /// <summary>Completes once the server listens (its address is known), or throws when stopping first.</summary>
    public static Task WaitForStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        var cancellation = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        return started.Task.ContinueWith(
            t =>
            {
                registration.Dispose();
                cancellation.Dispose();
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
