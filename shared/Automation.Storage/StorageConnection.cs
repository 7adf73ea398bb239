using System.Net;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Automation.Storage;

/// <summary>How a <see cref="StorageConnection"/> authenticates.</summary>
public enum StorageCredentialKind
{
    /// <summary>The account key or SAS inside the connection string (Azurite, or an account that allows shared keys).</summary>
    ConnectionString,

    /// <summary><c>credential=managedidentity</c>: the system-assigned identity, or the user-assigned one named by <c>clientId</c>.</summary>
    ManagedIdentity,

    /// <summary>Identity-based settings without <c>credential</c>: DefaultAzureCredential (managed identity in Azure, a developer sign-in locally).</summary>
    DefaultAzureCredential,
}

/// <summary>
/// Where the storage account's table and queue services are and how to authenticate to them, read from the same
/// settings the Functions host reads for a connection (default <c>AzureWebJobsStorage</c>):
/// <list type="number">
/// <item><c>ConnectionStrings:{name}</c>, else <c>{name}</c>, holding a connection string (including
/// <c>UseDevelopmentStorage=true</c> and Azurite-style strings with explicit <c>TableEndpoint</c>/<c>QueueEndpoint</c>);</item>
/// <item>otherwise identity-based settings under <c>{name}__</c> (<c>{name}:</c> once environment variables are in
/// configuration): <c>tableServiceUri</c> and <c>queueServiceUri</c>, or <c>accountName</c> for the public-cloud
/// endpoints; <c>credential</c> = <c>managedidentity</c> and optional <c>clientId</c>.</item>
/// </list>
/// Resolving never touches the network. Missing or invalid settings throw <see cref="InvalidOperationException"/>
/// naming the setting, so a misconfigured app stops at start-up.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The connection the Functions host itself uses, and the app's default.</summary>
    public const string DefaultName = "AzureWebJobsStorage";

    /// <summary>The emulator's well-known account: <c>UseDevelopmentStorage=true</c> means it.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private const string DefaultEndpointSuffix = "core.windows.net";
    private const string ManagedIdentityCredential = "managedidentity";

    private StorageConnection(
        string name, string settingName, Uri tableServiceUri, Uri queueServiceUri, StorageCredentialKind credentialKind,
        string? connectionString, string? clientId)
    {
        Name = name;
        SettingName = settingName;
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        CredentialKind = credentialKind;
        ConnectionString = connectionString;
        ClientId = clientId;
    }

    /// <summary>The connection name, e.g. <c>AzureWebJobsStorage</c>.</summary>
    public string Name { get; }

    /// <summary>The setting it was read from: <c>AzureWebJobsStorage</c>, <c>ConnectionStrings:AzureWebJobsStorage</c> or <c>AzureWebJobsStorage__*</c>.</summary>
    public string SettingName { get; }

    /// <summary>The table service endpoint, e.g. <c>https://acct.table.core.windows.net/</c> or <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableServiceUri { get; }

    /// <summary>The queue service endpoint.</summary>
    public Uri QueueServiceUri { get; }

    public StorageCredentialKind CredentialKind { get; }

    /// <summary>The connection string when <see cref="CredentialKind"/> is <see cref="StorageCredentialKind.ConnectionString"/>. A secret: never log it.</summary>
    public string? ConnectionString { get; }

    /// <summary>The user-assigned managed identity's client id, when one is configured.</summary>
    public string? ClientId { get; }

    /// <summary>True when both services are on a loopback address: the local emulator (Azurite).</summary>
    public bool IsLocalEmulator => IsLoopback(TableServiceUri) && IsLoopback(QueueServiceUri);

    /// <summary>Reads the connection <paramref name="connectionName"/> from <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidOperationException">The settings are missing or invalid; the message names the setting.</exception>
    public static StorageConnection Resolve(IConfiguration configuration, string connectionName = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        // The Functions host looks in ConnectionStrings first, then at the setting itself.
        foreach (var settingName in new[] { "ConnectionStrings:" + connectionName, connectionName })
        {
            if (NullIfBlank(configuration[settingName]) is { } connectionString)
            {
                var (table, queue) = EndpointsOf(connectionString, settingName);
                return new StorageConnection(
                    connectionName, settingName, table, queue, StorageCredentialKind.ConnectionString, connectionString, null);
            }
        }

        return FromIdentitySettings(configuration, connectionName);
    }

    /// <summary>The Entra ID credential of an identity-based connection (built, not yet used: no network).</summary>
    /// <exception cref="InvalidOperationException">The connection uses a connection string.</exception>
    public TokenCredential CreateTokenCredential() => CredentialKind switch
    {
        StorageCredentialKind.ManagedIdentity => new ManagedIdentityCredential(
            ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId)),
        StorageCredentialKind.DefaultAzureCredential => new DefaultAzureCredential(
            new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId }),
        _ => throw new InvalidOperationException(
            $"Storage connection '{Name}' authenticates with its connection string, not with a token credential."),
    };

    /// <summary>Names the endpoints and the kind of credential; never the connection string.</summary>
    public override string ToString() =>
        $"{Name} ({SettingName}): tables {TableServiceUri}, queues {QueueServiceUri}, credential {CredentialKind}";

    private static StorageConnection FromIdentitySettings(IConfiguration configuration, string name)
    {
        // Environment variables arrive in configuration as "{name}:{key}"; a flat settings dictionary may keep "__".
        string? Get(string key) =>
            NullIfBlank(configuration[$"{name}:{key}"]) ?? NullIfBlank(configuration[$"{name}__{key}"]);

        var accountName = Get("accountName");
        var tableUri = Get("tableServiceUri");
        var queueUri = Get("queueServiceUri");
        if (accountName is null && tableUri is null && queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string (locally " +
                $"'UseDevelopmentStorage=true'), or for identity-based access set '{name}__accountName' " +
                $"(or '{name}__tableServiceUri' and '{name}__queueServiceUri').");
        }

        if (accountName is not null && !IsAccountName(accountName))
        {
            throw new InvalidOperationException(
                $"The setting '{name}__accountName' must be a storage account name (3 to 24 lowercase letters and digits), not '{accountName}'.");
        }

        var table = ServiceUri(tableUri, "tableServiceUri", "table");
        var queue = ServiceUri(queueUri, "queueServiceUri", "queue");

        var credential = Get("credential");
        var kind = credential switch
        {
            null => StorageCredentialKind.DefaultAzureCredential,
            _ when string.Equals(credential, ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase) => StorageCredentialKind.ManagedIdentity,
            _ => throw new InvalidOperationException(
                $"The setting '{name}__credential' must be '{ManagedIdentityCredential}' or absent (DefaultAzureCredential), not '{credential}'."),
        };

        return new StorageConnection(name, $"{name}__*", table, queue, kind, null, Get("clientId"));

        Uri ServiceUri(string? explicitUri, string key, string service)
        {
            var setting = $"{name}__{key}";
            if (explicitUri is null)
            {
                return accountName is not null
                    ? new Uri($"https://{accountName}.{service}.{DefaultEndpointSuffix}/")
                    : throw new InvalidOperationException(
                        $"Storage connection '{name}': the setting '{setting}' is missing (or set '{name}__accountName').");
            }

            // Bearer tokens are only sent over TLS (Azure.Core refuses otherwise, at the first request): say so now.
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw new InvalidOperationException(
                    $"The setting '{setting}' must be an absolute https URI (identity-based access needs TLS), not '{explicitUri}'.");
        }
    }

    /// <summary>The service endpoints a connection string names, by the rules the SDKs apply to it.</summary>
    private static (Uri Table, Uri Queue) EndpointsOf(string connectionString, string setting)
    {
        var parts = Parse(connectionString, setting);

        if (parts.TryGetValue("UseDevelopmentStorage", out var development))
        {
            if (!string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(setting, "'UseDevelopmentStorage' only supports the value 'true'");
            }

            // The emulator's well-known ports; DevelopmentStorageProxyUri replaces the scheme and host.
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxyText)
                ? EndpointUri(proxyText, setting, "DevelopmentStorageProxyUri")
                : new Uri("http://127.0.0.1");
            return (Emulator(proxy, 10002), Emulator(proxy, 10001));
        }

        var hasKey = parts.TryGetValue("AccountKey", out var accountKey);
        if (!hasKey && !parts.ContainsKey("SharedAccessSignature"))
        {
            throw Invalid(setting, "it has neither 'AccountKey' nor 'SharedAccessSignature'");
        }

        parts.TryGetValue("AccountName", out var accountName);
        if (hasKey && string.IsNullOrEmpty(accountName))
        {
            throw Invalid(setting, "'AccountKey' needs 'AccountName'");
        }

        if (hasKey && !IsBase64(accountKey!))
        {
            throw Invalid(setting, "'AccountKey' is not valid base64");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw Invalid(setting, $"'DefaultEndpointsProtocol' must be http or https, not '{protocol}'");
        }

        var suffix = parts.GetValueOrDefault("EndpointSuffix", DefaultEndpointSuffix).Trim('.');
        return (Endpoint("TableEndpoint", "table"), Endpoint("QueueEndpoint", "queue"));

        Uri Endpoint(string key, string service) =>
            parts.TryGetValue(key, out var explicitEndpoint) ? EndpointUri(explicitEndpoint, setting, key)
            : !string.IsNullOrEmpty(accountName) ? new Uri($"{protocol}://{accountName}.{service}.{suffix}/")
            : throw Invalid(setting, $"it has neither '{key}' nor 'AccountName'");
    }

    private static Dictionary<string, string> Parse(string connectionString, string setting)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Only the first '=' separates: keys and SAS tokens end in '=' padding and contain '=' themselves.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid(setting, "it is not a list of Key=Value pairs separated by ';'");
            }

            var key = part[..equals].Trim();
            if (!parts.TryAdd(key, part[(equals + 1)..].Trim()))
            {
                throw Invalid(setting, $"'{key}' appears more than once");
            }
        }

        return parts.Count > 0 ? parts : throw Invalid(setting, "it is empty");
    }

    // The message names the setting and the problem, never the value: a connection string holds a secret.
    private static InvalidOperationException Invalid(string setting, string problem) =>
        new($"The setting '{setting}' is not a valid storage connection string: {problem}.");

    private static Uri EndpointUri(string value, string setting, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Invalid(setting, $"'{key}' must be an absolute http(s) URI");

    private static Uri Emulator(Uri proxy, int port) =>
        new UriBuilder(proxy.Scheme, proxy.Host, port, DevelopmentAccountName).Uri;

    private static bool IsBase64(string value) =>
        value.Length > 0 && Convert.TryFromBase64String(value, new byte[value.Length], out _);

    private static bool IsAccountName(string value) =>
        value.Length is >= 3 and <= 24 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
