using System.Text;
using Automation.Storage.Stores;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Support;

/// <summary>What the product keeps of one shop, read straight from storage: for tests that prove something is gone.</summary>
internal static class StoredShopRows
{
    /// <summary>
    /// Every stored value of the shop, as one text: its partition of each shop-partitioned table, and its entries of the
    /// due index (partitioned by hour, so those are told by their ShopId column).
    /// </summary>
    public static async Task<string> StoredRowsAsync(this ShopScenario shop)
    {
        var tables = shop.Host.Storage.GetRequiredService<StoreTables>();
        var text = new StringBuilder();
        foreach (var (name, filter) in new[]
        {
            (StoreTables.Orders, TableClient.CreateQueryFilter($"PartitionKey eq {shop.ShopId}")),
            (StoreTables.Shops, TableClient.CreateQueryFilter($"PartitionKey eq {shop.ShopId}")),
            (StoreTables.ApiKeys, TableClient.CreateQueryFilter($"PartitionKey eq {shop.ShopId}")),
            (StoreTables.PlatformDeliveries, TableClient.CreateQueryFilter($"PartitionKey eq {shop.ShopId}")),
            (StoreTables.DueMessages, TableClient.CreateQueryFilter($"ShopId eq {shop.ShopId}")),
        })
        {
            var table = await tables.GetAsync(name, CancellationToken.None);
            await foreach (var row in table.QueryAsync<TableEntity>(filter))
            {
                text.Append(name).Append(' ').Append(row.RowKey).Append('\n');
                foreach (var (column, value) in row.Where(p => p.Key is not ("odata.etag" or "Timestamp")))
                {
                    text.Append(column).Append('=').Append(value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
