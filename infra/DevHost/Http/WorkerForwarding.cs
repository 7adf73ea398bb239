using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace Automation.DevHost.Http;

/// <summary>
/// What the host changes on a request it forwards to the worker's HTTP server (reference §4): YARP's default
/// transforms (X-Forwarded-*, the Host header dropped), plus <c>x-ms-invocation-id</c>, which pairs the request with
/// its InvocationRequest. The function key (header or <c>code</c> parameter) stays behind: the worker never checks
/// keys, and must not log them.
/// </summary>
internal sealed class InvocationTransformer(string invocationId) : HttpTransformer
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Remove(InvocationIdHeader);
        proxyRequest.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        proxyRequest.Headers.Remove(FunctionKeys.KeyHeader);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, httpContext.Request.Path, WithoutKey(httpContext.Request.QueryString));
    }

    /// <summary>The query without the <c>code</c> parameter, otherwise unchanged (order and encoding kept).</summary>
    internal static QueryString WithoutKey(QueryString query)
    {
        if (!query.HasValue || !query.Value!.Contains(FunctionKeys.KeyQuery + "=", StringComparison.OrdinalIgnoreCase))
        {
            return query;
        }

        var kept = query.Value[1..].Split('&').Where(part => !IsKey(part));
        var rest = string.Join('&', kept);
        return rest.Length == 0 ? QueryString.Empty : new QueryString("?" + rest);
    }

    private static bool IsKey(string part)
    {
        var name = part.Split('=', 2)[0];
        return string.Equals(Uri.UnescapeDataString(name.Replace('+', ' ')), FunctionKeys.KeyQuery, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// Retries a request the worker's server refused to connect (not yet listening, or busy accepting), as the host's
/// RetryProxyHandler does: up to 10 more times, waiting 50 ms more each time up to 250 ms. Nothing has been sent when
/// a connection fails, so the request can be sent again.
/// </summary>
internal sealed class ConnectRetryHandler(HttpMessageHandler inner, TimeProvider timeProvider) : DelegatingHandler(inner)
{
    private const int MaxRetries = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt <= MaxRetries && IsConnectFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * attempt, 250)), timeProvider, cancellationToken);
            }
        }
    }

    private static bool IsConnectFailure(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.ConnectionError ||
        exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset };

    /// <summary>The client the forwarder uses, set up as YARP recommends: no proxy, redirects, cookies or decompression.</summary>
    public static HttpMessageInvoker CreateClient(TimeProvider timeProvider) =>
        new(new ConnectRetryHandler(
            new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                EnableMultipleHttp2Connections = true,
                ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
                ConnectTimeout = TimeSpan.FromSeconds(15),
            },
            timeProvider));
}
