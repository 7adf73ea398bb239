using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Support;

/// <summary>
/// <see cref="CaseSeeding"/> stands in for the webhook when a benchmark needs thousands of cases: the rows it writes
/// must be the ones the worker writes for the same event, column for column, ids and write times aside.
/// </summary>
[Collection("Azurite")]
public sealed class CaseSeedingTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("refund_only", -2880, true, null)] // overdue platform dispute, as the benchmark seeds every 50th
    [InlineData("return_refund", -30, false, null)]
    [InlineData("exchange", -5, false, "quality")] // a quality complaint without photos opens a request_photos task
    public async Task OpenAsync_SameEventAsWebhook_WritesTheSameRows(string kind, int minutesAgo, bool escalated, string? reason)
    {
        await using var host = await ProductHost.StartAsync(azurite);
        var shopId = "seed-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop(new Uri("http://127.0.0.1:9/messages")))).StatusCode);
        var openedAt = DateTimeOffset.UtcNow.AddMinutes(minutesAgo);

        using var response = await host.Client.PostEventAsync(shopId, Event("w", kind, openedAt, escalated, reason));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await CaseSeeding.OpenAsync(host, shopId, [Event("s", kind, openedAt, escalated, reason)]);

        var rows = await RowsAsync(host, shopId);
        var byWebhook = rows.Where(r => r.Key.Contains("-w", StringComparison.Ordinal)).ToDictionary(r => r.Key.Replace("-w", "-x", StringComparison.Ordinal), r => r.Value);
        var bySeeding = rows.Where(r => r.Key.Contains("-s", StringComparison.Ordinal)).ToDictionary(r => r.Key.Replace("-s", "-x", StringComparison.Ordinal), r => r.Value);
        Assert.True(byWebhook.Count >= 5, string.Join(", ", byWebhook.Keys)); // event id, case, open-case index, order's case, timeline
        Assert.Equal(byWebhook.Keys.Order(StringComparer.Ordinal), bySeeding.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, columns) in byWebhook)
        {
            Assert.Equal(columns, bySeeding[key]);
        }

        if (reason is not null)
        {
            Assert.Contains(byWebhook.Keys, k => k.Contains("request_photos", StringComparison.Ordinal));
        }
    }

    private static JsonObject Event(string tag, string kind, DateTimeOffset openedAt, bool escalated, string? reason)
    {
        var evt = ProductApi.CaseOpened($"e-{tag}", $"CS-{tag}", $"O-{tag}", kind, openedAt, escalated);
        if (reason is not null)
        {
            evt["case"]!["reason"] = reason;
        }

        return evt;
    }

    /// <summary>
    /// The shop's rows by row key, each as its columns with the ids of the event, case and order made comparable and
    /// the write times (which differ by the seconds between the two writes) left out.
    /// </summary>
    private static async Task<Dictionary<string, SortedDictionary<string, string>>> RowsAsync(ProductHost host, string shopId)
    {
        var table = await host.Storage.GetRequiredService<StoreTables>().GetAsync(StoreTables.Orders, CancellationToken.None);
        var rows = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId))
        {
            var tag = entity.RowKey.Contains("-w", StringComparison.Ordinal) ? "-w" : "-s";
            var columns = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in entity)
            {
                if (name is "odata.etag" or "Timestamp" or "PartitionKey" or "RowKey" || value is DateTimeOffset or DateTime && IsWriteTime(name))
                {
                    continue;
                }

                columns[name] = (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Replace(tag, "-x", StringComparison.Ordinal);
            }

            // The order timeline's row key carries the write time: o|{orderId}|e|{ticks}|{eventId}.
            rows[Regex.Replace(entity.RowKey, @"\|e\|\d{19}\|", "|e|{ticks}|")] = columns;
        }

        return rows;
    }

    private static bool IsWriteTime(string column) =>
        column is "UpdatedAt" or "ReceivedAt" or "CreatedAt" or "At" or "RecordedAt" || column.EndsWith("WrittenAt", StringComparison.Ordinal);
}
