namespace Automation.DevHost.Storage;

/// <summary>The emulator's queue, table and blob ports a storage connection string points at, when it is the emulator.</summary>
/// <param name="QueuePort">Queue service port.</param>
/// <param name="TablePort">Table service port.</param>
/// <param name="BlobPort">Blob service port; 0 (any free port) when the connection names none.</param>
internal sealed record EmulatorEndpoints(int QueuePort, int TablePort, int BlobPort)
{
    public const string AccountName = "devstoreaccount1";

    private static readonly EmulatorEndpoints Defaults = new(10001, 10002, 10000);

    /// <summary>
    /// <c>UseDevelopmentStorage=true</c> (the default ports), or the development account <c>devstoreaccount1</c> with
    /// its queue endpoint on this machine; null for anything else (a real account, identity-based settings).
    /// </summary>
    public static EmulatorEndpoints? FromConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2)
            {
                parts[pair[0].Trim()] = pair[1].Trim();
            }
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var isDevelopment) && isDevelopment)
        {
            return Defaults;
        }

        if (!parts.TryGetValue("AccountName", out var account) || !string.Equals(account, AccountName, StringComparison.Ordinal) ||
            LoopbackPort(parts, "QueueEndpoint") is not { } queuePort)
        {
            return null;
        }

        return new EmulatorEndpoints(queuePort, LoopbackPort(parts, "TableEndpoint") ?? Defaults.TablePort, LoopbackPort(parts, "BlobEndpoint") ?? 0);
    }

    private static int? LoopbackPort(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            ? uri.Port
            : null;
}
