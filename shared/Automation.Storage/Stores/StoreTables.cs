using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>
/// The product's tables. Each is created once per process, on first use (1 storage transaction, also when it
/// already exists), not on every call.
/// </summary>
public sealed class StoreTables(TableServiceClient service)
{
    public const string Shops = "Shops";
    public const string Orders = "Orders";
    public const string DueMessages = "DueMessages";
    public const string ApiKeys = "ApiKeys";
    public const string PlatformDeliveries = "PlatformDeliveries";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed create (storage briefly down) must not poison the process: try again next call.
            _tables.TryUpdate(name, new Lazy<Task<TableClient>>(() => CreateAsync(name)), lazy);
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = service.GetTableClient(name);

        // Not the caller's token: the creation is shared by every caller, and one caller giving up must not fail it for the others.
        await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        return table;
    }
}
