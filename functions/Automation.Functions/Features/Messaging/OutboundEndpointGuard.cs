using System.Net;
using System.Net.Sockets;
using Automation.Core.Security;
using Microsoft.Extensions.Hosting;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// Keeps the product's outbound requests (to shops' channels and SMTP servers) off non-public addresses: checked when a URL is saved
/// and again on every connection, because DNS can change in between. Loopback is allowed only in local development
/// (the host environment is Development, as Core Tools and the development host set it, and the app is not running
/// in Azure App Service), so the walkthrough's local sink works and a deployed app never calls itself.
/// </summary>
internal sealed class OutboundEndpointGuard(IHostEnvironment environment, IConfiguration configuration)
{
    // Azure App Service and Functions set this on every instance; its presence means "deployed" whatever the environment says.
    private const string AzureSiteSetting = "WEBSITE_SITE_NAME";

    public bool AllowsLoopback { get; } =
        environment.IsDevelopment() && string.IsNullOrEmpty(configuration[AzureSiteSetting]);

    /// <summary>Null unless the endpoint's host resolves to an address that is not allowed; then what is wrong (for a 400).</summary>
    public Task<string?> CheckAsync(Uri endpoint, CancellationToken cancellationToken) => CheckHostAsync(endpoint.IdnHost, cancellationToken);

    /// <summary>Null unless <paramref name="host"/> (a name or an address literal) resolves to an address that is not allowed; then what is wrong.</summary>
    public async Task<string?> CheckHostAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            // Not resolvable now (not yet published, or no DNS here): nothing to refuse yet, and every connection
            // is checked again when it is made.
            return null;
        }

        return addresses.Length > 0 && addresses.All(a => OutboundAddresses.IsAllowed(a, AllowsLoopback))
            ? null
            : AllowsLoopback
                ? "Must resolve to public addresses (or loopback in local development), not private, link-local or reserved ones."
                : "Must resolve to public addresses, not loopback, private, link-local or reserved ones.";
    }

    /// <summary>
    /// The HTTP client's connect step: resolves the host again and connects only to an allowed address, so a name
    /// that has come to point inside the network since it was saved is refused (<see cref="NonPublicEndpointException"/>).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = await ConnectSocketAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// A TCP connection to <paramref name="host"/> made the same way, for clients that are not HTTP (SMTP): resolved
    /// again now and connected only to an allowed address, else <see cref="NonPublicEndpointException"/>.
    /// </summary>
    public async Task<Socket> ConnectSocketAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(a => OutboundAddresses.IsAllowed(a, AllowsLoopback)).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
        {
            throw new NonPublicEndpointException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A channel's host resolved to an address the product must not connect to: a refusal, not worth retrying.</summary>
internal sealed class NonPublicEndpointException(string host)
    : Exception($"The host '{host}' resolves to an address that is not public.");
