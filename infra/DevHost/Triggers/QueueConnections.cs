using Automation.DevHost.Settings;
using Automation.Storage;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Automation.DevHost.Triggers;

/// <summary>
/// Queue clients for a binding's <c>connection</c>, resolved the way the Functions host resolves storage connections:
/// <c>AzureWebJobs&lt;name&gt;</c> then <c>&lt;name&gt;</c> (then <c>ConnectionStrings:&lt;name&gt;</c>) as a connection string
/// (<c>UseDevelopmentStorage=true</c> included), or identity-based settings <c>&lt;name&gt;__queueServiceUri</c> /
/// <c>&lt;name&gt;__serviceUri</c> / <c>&lt;name&gt;__accountName</c> with <c>__credential=managedidentity</c> and
/// <c>__clientId</c>, else DefaultAzureCredential.
/// </summary>
internal static class QueueConnections
{
    public static QueueServiceClient Create(AppSettings settings, string connection, QueueClientOptions options)
    {
        foreach (var name in Candidates(connection))
        {
            if (settings[name] is { Length: > 0 } connectionString)
            {
                return new QueueServiceClient(connectionString, options);
            }

            if (ServiceUri(settings, name) is { } serviceUri)
            {
                return new QueueServiceClient(serviceUri, Credential(settings, name), options);
            }
        }

        if (settings[$"ConnectionStrings:{connection}"] is { Length: > 0 } named)
        {
            return new QueueServiceClient(named, options);
        }

        throw new DevHostStartupException(
            $"The queue connection '{connection}' is not configured: set {connection} to a connection string, or {connection}__queueServiceUri (or __accountName) for an identity-based connection.");
    }

    /// <summary>Client options with the pinned service version (Azurite 3.35 refuses the SDK's default).</summary>
    public static QueueClientOptions Options(QueueMessageEncoding encoding) =>
        new(StorageServiceVersions.Queues) { MessageEncoding = encoding };

    private static IEnumerable<string> Candidates(string connection) =>
        connection.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase) ? [connection] : ["AzureWebJobs" + connection, connection];

    private static Uri? ServiceUri(AppSettings settings, string name)
    {
        if ((settings[$"{name}:queueServiceUri"] ?? settings[$"{name}:serviceUri"]) is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        return settings[$"{name}:accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.queue.core.windows.net") : null;
    }

    private static TokenCredential Credential(AppSettings settings, string name)
    {
        var clientId = settings[$"{name}:clientId"];
        return string.Equals(settings[$"{name}:credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId });
    }
}
