using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

public enum PlatformDeliveryOutcome
{
    /// <summary>Its canonical events were applied (or some were, and the rest were repeats).</summary>
    Applied,

    /// <summary>Every event it maps to had been applied before: it changed nothing.</summary>
    Duplicate,

    /// <summary>A topic or a state the product does not act on: recorded and answered 200.</summary>
    Ignored,

    /// <summary>The body could not be mapped (a required field missing, an unknown value) or an event was refused: visible to ops.</summary>
    Failed,

    /// <summary>A privacy request (erasure, data request) carried out.</summary>
    Compliance,
}

/// <summary>What one canonical event of a delivery became.</summary>
public sealed record PlatformEventOutcome(string EventId, string Type, string Outcome);

/// <summary>One platform webhook delivery as received, and what it became. Holds platform ids, never personal data.</summary>
public sealed record PlatformDeliveryRecord(
    string ShopId,
    string Platform,
    string DeliveryKey,
    string Topic,
    DateTimeOffset ReceivedAt,
    PlatformDeliveryOutcome Outcome,
    string? OrderId,
    IReadOnlyDictionary<string, string> PlatformIds,
    IReadOnlyList<PlatformEventOutcome> Events,
    string? Detail,
    IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// The log of platform webhook deliveries, in the shop's partition of the PlatformDeliveries table. Row keys:
/// <list type="bullet">
/// <item><c>d|{platform}|{deliveryKey}</c>: the delivery, found by its key (a repeated delivery is answered from it)</item>
/// <item><c>o|{orderId}|{receivedTicks}|{platform}|{deliveryKey}</c>: the same, under its order, for the order's timeline</item>
/// <item><c>f|{invertedTicks}|{platform}|{deliveryKey}</c>: a failed delivery, newest first, for ops</item>
/// </list>
/// Recording costs 1 entity group transaction (the rows of one delivery are written together); finding a delivery 1
/// point read; an order's deliveries and the failed ones 1 range query each.
/// </summary>
public sealed class PlatformDeliveryStore(StoreTables tables)
{
    /// <summary>The delivery recorded under this key, or null: 1 point read.</summary>
    public async Task<PlatformDeliveryRecord?> FindAsync(string shopId, string platform, string deliveryKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.PlatformDeliveries, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, DeliveryRow(platform, deliveryKey), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    /// <summary>Records a delivery (replacing an earlier record under its key, say a failure now mapped): 1 transaction.</summary>
    public async Task RecordAsync(PlatformDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var rows = new List<string> { DeliveryRow(delivery.Platform, delivery.DeliveryKey) };
        if (delivery.OrderId is { } orderId)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"o|{orderId}|{delivery.ReceivedAt.UtcTicks:D19}|{delivery.Platform}|{delivery.DeliveryKey}"));
        }

        if (delivery.Outcome == PlatformDeliveryOutcome.Failed)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"f|{DateTimeOffset.MaxValue.UtcTicks - delivery.ReceivedAt.UtcTicks:D19}|{delivery.Platform}|{delivery.DeliveryKey}"));
        }

        var table = await tables.GetAsync(StoreTables.PlatformDeliveries, cancellationToken).ConfigureAwait(false);
        await table.SubmitTransactionAsync(
            rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(delivery, row))),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The deliveries that concerned an order, oldest first: 1 range query.</summary>
    public Task<IReadOnlyList<PlatformDeliveryRecord>> ListForOrderAsync(string shopId, string orderId, CancellationToken cancellationToken) =>
        QueryAsync(shopId, $"o|{orderId}|", int.MaxValue, cancellationToken);

    /// <summary>The shop's most recent failed deliveries, newest first: 1 range query (a page of up to 1,000).</summary>
    public Task<IReadOnlyList<PlatformDeliveryRecord>> ListFailedAsync(string shopId, int take, CancellationToken cancellationToken) =>
        QueryAsync(shopId, "f|", take, cancellationToken);

    private async Task<IReadOnlyList<PlatformDeliveryRecord>> QueryAsync(string shopId, string prefix, int take, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.PlatformDeliveries, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var found = new List<PlatformDeliveryRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(Read(entity));
            if (found.Count >= take)
            {
                break;
            }
        }

        return found;
    }

    private static string DeliveryRow(string platform, string deliveryKey) => $"d|{platform}|{deliveryKey}";

    private static TableEntity Entity(PlatformDeliveryRecord delivery, string rowKey)
    {
        var entity = new TableEntity(delivery.ShopId, rowKey)
        {
            ["Platform"] = delivery.Platform,
            ["DeliveryKey"] = delivery.DeliveryKey,
            ["Topic"] = delivery.Topic,
            ["ReceivedAt"] = delivery.ReceivedAt,
            ["Outcome"] = delivery.Outcome.ToString(),
            ["OrderId"] = delivery.OrderId,
            ["Detail"] = delivery.Detail is { Length: > 2000 } detail ? detail[..2000] : delivery.Detail,
            ["PlatformIds"] = JsonSerializer.Serialize(delivery.PlatformIds.ToDictionary(), StoreJsonContext.Default.DictionaryStringString),
            ["Events"] = JsonSerializer.Serialize(delivery.Events.ToList(), StoreJsonContext.Default.ListPlatformEventOutcome),
        };
        if (delivery.Errors.Count > 0)
        {
            entity["Errors"] = JsonSerializer.Serialize(delivery.Errors.ToDictionary(), StoreJsonContext.Default.DictionaryStringStringArray);
        }

        return entity;
    }

    private static PlatformDeliveryRecord Read(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Platform"),
        entity.GetString("DeliveryKey"),
        entity.GetString("Topic"),
        entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        Enum.TryParse<PlatformDeliveryOutcome>(entity.GetString("Outcome"), out var outcome) ? outcome : PlatformDeliveryOutcome.Failed,
        entity.GetString("OrderId"),
        entity.GetString("PlatformIds") is { } ids ? JsonSerializer.Deserialize(ids, StoreJsonContext.Default.DictionaryStringString) ?? [] : [],
        entity.GetString("Events") is { } events ? JsonSerializer.Deserialize(events, StoreJsonContext.Default.ListPlatformEventOutcome) ?? [] : [],
        entity.GetString("Detail"),
        entity.GetString("Errors") is { } errors ? JsonSerializer.Deserialize(errors, StoreJsonContext.Default.DictionaryStringStringArray) ?? [] : new Dictionary<string, string[]>());
}
