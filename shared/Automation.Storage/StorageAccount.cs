using System.Net;
using Azure.Core;
using Azure.Identity;

namespace Automation.Storage;

/// <summary>
/// Where a storage account's table and queue services live and how to authenticate to them:
/// a shared key (connection strings, Azurite) or an Entra ID token credential (managed identity).
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The well-known Azurite / storage emulator account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known, public Azurite / storage emulator account key.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string DefaultEndpointSuffix = "core.windows.net";

    private StorageAccount(string accountName, Uri tableEndpoint, Uri queueEndpoint, byte[]? sharedKey, TokenCredential? credential)
    {
        AccountName = accountName;
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
        SharedKey = sharedKey;
        Credential = credential;
        IsDevelopmentStorage = string.Equals(accountName, DevelopmentAccountName, StringComparison.Ordinal)
            || IsLoopback(tableEndpoint) || IsLoopback(queueEndpoint);
    }

    /// <summary>The table service endpoint, e.g. <c>https://acct.table.core.windows.net/</c> or <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The queue service endpoint.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The storage account name (used in shared key signatures).</summary>
    public string AccountName { get; }

    /// <summary>True for the emulator's development account or endpoints on a loopback address.</summary>
    public bool IsDevelopmentStorage { get; }

    /// <summary>The token credential when the account uses Entra ID; null for shared key.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>The decoded account key for shared key auth; null for Entra ID.</summary>
    internal byte[]? SharedKey { get; }

    /// <summary>
    /// Parses a storage connection string (<c>UseDevelopmentStorage=true</c>, or
    /// <c>DefaultEndpointsProtocol</c>/<c>AccountName</c>/<c>AccountKey</c>/<c>EndpointSuffix</c>
    /// with optional <c>TableEndpoint</c>/<c>QueueEndpoint</c>, which are used verbatim, path included).
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed or incomplete.</exception>
    public static StorageAccount FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = ParseConnectionString(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!bool.TryParse(useDev, out var isDev) || !isDev)
            {
                throw new FormatException("Storage connection string: 'UseDevelopmentStorage' only supports the value 'true'.");
            }

            // DevelopmentStorageProxyUri replaces the scheme and host of the default emulator endpoints.
            var baseUri = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy)
                ? ParseAbsoluteUri(proxy, "DevelopmentStorageProxyUri")
                : new Uri("http://127.0.0.1");
            var builder = new UriBuilder(baseUri) { Path = DevelopmentAccountName };
            builder.Port = 10002;
            var table = builder.Uri;
            builder.Port = 10001;
            var queue = builder.Uri;
            return new StorageAccount(DevelopmentAccountName, table, queue, Convert.FromBase64String(DevelopmentAccountKey), null);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException(
                "Storage connection string: 'SharedAccessSignature' connection strings are not supported; use 'AccountKey' or identity-based settings.");
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new FormatException("Storage connection string: 'AccountName' is missing.");
        }

        if (!settings.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            throw new FormatException("Storage connection string: 'AccountKey' is missing.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException e)
        {
            throw new FormatException("Storage connection string: 'AccountKey' is not valid base64.", e);
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("https" or "http"))
        {
            throw new FormatException($"Storage connection string: 'DefaultEndpointsProtocol' must be http or https, not '{protocol}'.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", DefaultEndpointSuffix).Trim('.');
        var tableEndpoint = settings.TryGetValue("TableEndpoint", out var t)
            ? ParseAbsoluteUri(t, "TableEndpoint")
            : new Uri($"{protocol}://{accountName}.table.{suffix}/");
        var queueEndpoint = settings.TryGetValue("QueueEndpoint", out var q)
            ? ParseAbsoluteUri(q, "QueueEndpoint")
            : new Uri($"{protocol}://{accountName}.queue.{suffix}/");

        return new StorageAccount(accountName, tableEndpoint, queueEndpoint, key, null);
    }

    /// <summary>
    /// Reads a storage connection the way Azure Functions does. When the setting <paramref name="connectionName"/>
    /// holds a connection string it is used; otherwise the identity-based settings
    /// <c>{name}__tableServiceUri</c>, <c>{name}__queueServiceUri</c> (or <c>{name}__accountName</c>),
    /// <c>{name}__credential</c> (<c>managedidentity</c>) and <c>{name}__clientId</c> are read.
    /// Setting names are also looked up with <c>:</c> in place of <c>__</c> (how IConfiguration maps them).
    /// </summary>
    /// <exception cref="InvalidOperationException">Settings are missing or invalid; the message names the setting.</exception>
    public static StorageAccount FromSettings(Func<string, string?> getSetting, string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(getSetting);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var connectionString = getSetting(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return FromConnectionString(connectionString);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"The setting '{connectionName}' is not a valid storage connection string: {e.Message}", e);
            }
        }

        string? Get(string name) =>
            NullIfBlank(getSetting($"{connectionName}__{name}")) ?? NullIfBlank(getSetting($"{connectionName}:{name}"));

        var accountNameSetting = Get("accountName");
        var tableUriSetting = Get("tableServiceUri");
        var queueUriSetting = Get("queueServiceUri");

        if (accountNameSetting is null && tableUriSetting is null && queueUriSetting is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{connectionName}' is not configured: set '{connectionName}' to a connection string, " +
                $"or set '{connectionName}__tableServiceUri' and '{connectionName}__queueServiceUri' (or '{connectionName}__accountName') " +
                "for identity-based access.");
        }

        var tableEndpoint = tableUriSetting is not null
            ? ParseSettingUri(tableUriSetting, $"{connectionName}__tableServiceUri")
            : accountNameSetting is not null
                ? new Uri($"https://{accountNameSetting}.table.{DefaultEndpointSuffix}/")
                : throw new InvalidOperationException(
                    $"Storage connection '{connectionName}': the setting '{connectionName}__tableServiceUri' is missing " +
                    $"(or set '{connectionName}__accountName').");
        var queueEndpoint = queueUriSetting is not null
            ? ParseSettingUri(queueUriSetting, $"{connectionName}__queueServiceUri")
            : accountNameSetting is not null
                ? new Uri($"https://{accountNameSetting}.queue.{DefaultEndpointSuffix}/")
                : throw new InvalidOperationException(
                    $"Storage connection '{connectionName}': the setting '{connectionName}__queueServiceUri' is missing " +
                    $"(or set '{connectionName}__accountName').");

        // As Azure Functions reads them: credential=managedidentity (+ optional clientId) selects managed
        // identity; anything else uses DefaultAzureCredential (which also tries managed identity).
        var credentialKind = Get("credential");
        var clientId = Get("clientId");
        TokenCredential credential = string.Equals(credentialKind, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });

        var accountName = accountNameSetting ?? AccountNameFromEndpoint(tableEndpoint);
        return new StorageAccount(accountName, tableEndpoint, queueEndpoint, null, credential);
    }

    /// <summary>An account that authenticates with an Entra ID token credential.</summary>
    public static StorageAccount FromTokenCredential(Uri tableEndpoint, Uri queueEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(AccountNameFromEndpoint(tableEndpoint), tableEndpoint, queueEndpoint, null, credential);
    }

    private static Dictionary<string, string> ParseConnectionString(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split on the first '=' only: base64 keys and SAS tokens contain '='.
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Storage connection string: '{Redact(part)}' is not a Key=Value pair.");
            }

            var name = part[..eq].Trim();
            if (!settings.TryAdd(name, part[(eq + 1)..].Trim()))
            {
                throw new FormatException($"Storage connection string: '{name}' appears more than once.");
            }
        }

        if (settings.Count == 0)
        {
            throw new FormatException("Storage connection string is empty.");
        }

        return settings;
    }

    // Never echo something that may be a secret into an exception message.
    private static string Redact(string part) => part.Length <= 24 ? part : part[..8] + "...";

    private static Uri ParseAbsoluteUri(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"Storage connection string: '{name}' must be an absolute http(s) URI.");

    private static Uri ParseSettingUri(string value, string settingName) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"The setting '{settingName}' must be an absolute http(s) URI, not '{value}'.");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Path-style (emulator) endpoints carry the account in the first path segment; production ones in the first DNS label.</summary>
    private static string AccountNameFromEndpoint(Uri endpoint)
    {
        if (endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || !endpoint.Host.Contains('.', StringComparison.Ordinal))
        {
            var segment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
            if (segment.Length > 0)
            {
                return segment;
            }
        }

        return endpoint.Host.Split('.')[0];
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
