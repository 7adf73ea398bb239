using System.Globalization;
using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Storage.Tables;
using Azure;

namespace Automation.Storage.Stores;

/// <summary>
/// A shop's orders, their timelines and their outbox, all in the shop's partition of the Orders table, so
/// that one webhook event is applied with one entity group transaction (all or nothing) and an order's
/// whole history is one single-partition range query. Row keys:
/// <list type="bullet">
/// <item><c>o|{orderId}</c>: the order's current state</item>
/// <item><c>o|{orderId}|e|{receivedTicks}|{eventId}</c>: an event applied to it</item>
/// <item><c>o|{orderId}|m|{kind}|{step}</c>: an outgoing message (the outbox row)</item>
/// <item><c>e|{eventId}</c>: the event id seen (its insert is the atomic duplicate check)</item>
/// </list>
/// </summary>
public sealed class OrderStore(StoreTables tables, TimeProvider time)
{
    public async Task<StoredOrder?> GetOrderAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync(shopId, OrderRow(orderId), ct: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ReadOrder(shopId, orderId, entity);
    }

    /// <summary>The order and its outbox rows (with ETags), read with one range query: what applying an event needs.</summary>
    public async Task<(StoredOrder? Order, IReadOnlyList<StoredMessage> Messages)> GetForUpdateAsync(
        string shopId, string orderId, CancellationToken cancellationToken)
    {
        var orderRow = OrderRow(orderId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shopId} and (RowKey eq {orderRow} or (RowKey ge {orderRow + "|m|"} and RowKey lt {orderRow + "|m}"}))");
        StoredOrder? order = null;
        var messages = new List<StoredMessage>();
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync(filter, ct: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == orderRow)
            {
                order = ReadOrder(shopId, orderId, entity);
            }
            else
            {
                messages.Add(ReadMessage(shopId, orderId, entity));
            }
        }

        return (order, messages);
    }

    /// <summary>The order's whole timeline: one range query over its rows.</summary>
    public async Task<OrderHistory?> GetHistoryAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var orderRow = OrderRow(orderId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shopId} and (RowKey eq {orderRow} or (RowKey ge {orderRow + "|"} and RowKey lt {orderRow + "}"}))");
        StoredOrder? order = null;
        var events = new List<StoredEvent>();
        var messages = new List<StoredMessage>();
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync(filter, ct: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == orderRow)
            {
                order = ReadOrder(shopId, orderId, entity);
            }
            else if (entity.RowKey.StartsWith(orderRow + "|m|", StringComparison.Ordinal))
            {
                messages.Add(ReadMessage(shopId, orderId, entity));
            }
            else if (entity.RowKey.StartsWith(orderRow + "|e|", StringComparison.Ordinal))
            {
                events.Add(ReadEvent(entity));
            }
        }

        return order is null ? null : new OrderHistory(order, events, messages);
    }

    /// <summary>
    /// Applies one event in one entity group transaction: the event-id row (its insert fails for a duplicate),
    /// the order (inserted, or replaced under its ETag), the timeline row, new outbox rows, and outbox rows
    /// that the event makes pointless (skipped under their ETags). Either all of it is written or none.
    /// </summary>
    public async Task<EventWriteOutcome> ApplyEventAsync(OrderEventWrite write, CancellationToken cancellationToken)
    {
        var shopId = write.ShopId;
        var orderId = write.Order.OrderId;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(shopId, "e|" + write.Event.Id)
            {
                ["OrderId"] = orderId,
                ["Type"] = write.Event.Type,
                ["ReceivedAt"] = write.ReceivedAt,
            }),
            write.ExpectedOrderETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, OrderEntity(shopId, write.Order, write.RemindersPlanned, write.ReceivedAt), etag)
                : new(TableTransactionActionType.Add, OrderEntity(shopId, write.Order, write.RemindersPlanned, write.ReceivedAt)),
            new(TableTransactionActionType.Add, EventEntity(shopId, orderId, write)),
        };
        foreach (var planned in write.NewMessages)
        {
            var key = new MessageKey(shopId, orderId, planned.Kind, planned.Step);
            var state = planned.DueAt is null ? MessageState.Skipped : MessageState.Scheduled;
            actions.Add(new(TableTransactionActionType.Add, MessageEntity(new StoredMessage(
                key, state, planned.DueAt, planned.SkipReason, 0, null, null, null, write.ReceivedAt, default))));
        }

        foreach (var (message, reason) in write.MessagesToSkip)
        {
            var skipped = message with { State = MessageState.Skipped, Reason = reason, UpdatedAt = write.ReceivedAt };
            actions.Add(new(TableTransactionActionType.UpdateReplace, MessageEntity(skipped), message.ETag));
        }

        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return EventWriteOutcome.Applied;
        }
        catch (TableTransactionFailedException e) when (e.FailedIndex == 0 && e.Status == 409)
        {
            return EventWriteOutcome.Duplicate;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // Someone changed the order or one of its messages since we read them: read again and retry.
            return EventWriteOutcome.Conflict;
        }
    }

    public async Task<StoredMessage?> GetMessageAsync(MessageKey key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync(key.ShopId, MessageRow(key), ct: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ReadMessage(key.ShopId, key.OrderId, entity);
    }

    /// <summary>
    /// Replaces an outbox row only if nobody changed it since it was read (its ETag): this is how an instance
    /// claims a message before sending it. Returns the updated row, or null when another instance got there first.
    /// </summary>
    public async Task<StoredMessage?> TryUpdateMessageAsync(StoredMessage updated, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var stamped = updated with { UpdatedAt = time.GetUtcNow() };
        try
        {
            var etag = await table.UpdateEntityAsync(MessageEntity(stamped), updated.ETag, TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            return stamped with { ETag = etag };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static string OrderRow(string orderId) => "o|" + orderId;

    private static string MessageRow(MessageKey key) =>
        $"o|{key.OrderId}|m|{key.Kind}|{key.Step.ToString("D2", CultureInfo.InvariantCulture)}";

    private static TableEntity OrderEntity(string shopId, Order order, bool remindersPlanned, DateTimeOffset now)
    {
        var entity = new TableEntity(shopId, OrderRow(order.OrderId))
        {
            ["Status"] = order.Status.ToString(),
            ["RemindersPlanned"] = remindersPlanned,
            ["UpdatedAt"] = now,
        };
        SetIfNotNull(entity, "PlacedAt", order.PlacedAt);
        SetIfNotNull(entity, "AutoCloseAt", order.AutoCloseAt);
        SetIfNotNull(entity, "Total", order.Total?.ToString(CultureInfo.InvariantCulture));
        SetIfNotNull(entity, "Currency", order.Currency);
        SetIfNotNull(entity, "PayUrl", order.PayUrl);
        if (order.Customer is not null)
        {
            entity["Customer"] = JsonSerializer.Serialize(order.Customer, StoreJsonContext.Default.Customer);
        }

        if (order.Items.Count > 0)
        {
            entity["Items"] = JsonSerializer.Serialize(order.Items.ToList(), StoreJsonContext.Default.ListOrderItem);
        }

        if (order.Shipment is not null)
        {
            entity["Shipment"] = JsonSerializer.Serialize(order.Shipment, StoreJsonContext.Default.Shipment);
        }

        return entity;
    }

    private static StoredOrder ReadOrder(string shopId, string orderId, TableEntity entity)
    {
        var order = new Order(
            shopId,
            orderId,
            Enum.Parse<OrderStatus>(entity.GetString("Status")!),
            entity.GetDateTimeOffset("PlacedAt"),
            entity.GetDateTimeOffset("AutoCloseAt"),
            entity.GetString("Total") is { } total ? decimal.Parse(total, CultureInfo.InvariantCulture) : null,
            entity.GetString("Currency"),
            entity.GetString("PayUrl"),
            entity.GetString("Customer") is { } customer ? JsonSerializer.Deserialize(customer, StoreJsonContext.Default.Customer) : null,
            entity.GetString("Items") is { } items ? JsonSerializer.Deserialize(items, StoreJsonContext.Default.ListOrderItem) ?? [] : [],
            entity.GetString("Shipment") is { } shipment ? JsonSerializer.Deserialize(shipment, StoreJsonContext.Default.Shipment) : null);
        return new StoredOrder(order, entity.GetBoolean("RemindersPlanned") ?? false, entity.ETag);
    }

    private static TableEntity EventEntity(string shopId, string orderId, OrderEventWrite write)
    {
        var ticks = write.ReceivedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var entity = new TableEntity(shopId, $"o|{orderId}|e|{ticks}|{write.Event.Id}")
        {
            ["EventId"] = write.Event.Id,
            ["Type"] = write.Event.Type,
            ["ReceivedAt"] = write.ReceivedAt,
            ["Outcome"] = write.Outcome,
        };
        SetIfNotNull(entity, "OccurredAt", write.Event.OccurredAt);
        return entity;
    }

    private static StoredEvent ReadEvent(TableEntity entity) => new(
        entity.GetString("EventId") ?? "",
        entity.GetString("Type") ?? "",
        entity.GetDateTimeOffset("OccurredAt"),
        entity.GetDateTimeOffset("ReceivedAt") ?? default,
        entity.GetString("Outcome") ?? "");

    private static TableEntity MessageEntity(StoredMessage message)
    {
        var entity = new TableEntity(message.Key.ShopId, MessageRow(message.Key))
        {
            ["MessageId"] = message.Key.MessageId,
            ["Kind"] = message.Key.Kind,
            ["Step"] = message.Key.Step,
            ["State"] = message.State.ToString(),
            ["Attempts"] = message.Attempts,
            ["UpdatedAt"] = message.UpdatedAt,
        };
        SetIfNotNull(entity, "DueAt", message.DueAt);
        SetIfNotNull(entity, "Reason", message.Reason);
        SetIfNotNull(entity, "LastError", message.LastError);
        SetIfNotNull(entity, "SentAt", message.SentAt);
        SetIfNotNull(entity, "LeaseUntil", message.LeaseUntil);
        return entity;
    }

    private static StoredMessage ReadMessage(string shopId, string orderId, TableEntity entity) => new(
        new MessageKey(shopId, orderId, entity.GetString("Kind") ?? "", entity.GetInt32("Step") ?? 0),
        Enum.Parse<MessageState>(entity.GetString("State") ?? nameof(MessageState.Scheduled)),
        entity.GetDateTimeOffset("DueAt"),
        entity.GetString("Reason"),
        entity.GetInt32("Attempts") ?? 0,
        entity.GetString("LastError"),
        entity.GetDateTimeOffset("SentAt"),
        entity.GetDateTimeOffset("LeaseUntil"),
        entity.GetDateTimeOffset("UpdatedAt") ?? default,
        entity.ETag);

    private static void SetIfNotNull(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
