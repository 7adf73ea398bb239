using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Azure;
using Azure.Data.Tables;

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
/// <item><c>c|{customerId}</c>: a customer's recent non-transactional contacts and opt-out (the contact budget), in the
/// same partition so that a claim can take from the budget in the same transaction</item>
/// <item><c>c|{customerId}|o|{orderId}</c>: the customer-to-orders index, upserted in the transaction of every event,
/// customer message and review that names the customer (no extra storage transaction), so that an erasure finds a
/// customer's orders with one range query (see <see cref="ErasureStore"/>). An order stored before the index gets its
/// row with its next event.</item>
/// </list>
/// </summary>
public sealed class OrderStore(StoreTables tables, TimeProvider time)
{
    /// <summary>The order's current state, or null: one point read (1 storage transaction).</summary>
    public async Task<StoredOrder?> GetOrderAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, OrderRow(orderId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return entity.HasValue ? ReadOrder(shopId, orderId, entity.Value!) : null;
    }

    /// <summary>
    /// The order and its outbox rows (with ETags), read with one single-partition range query: what applying an
    /// event needs. 1 storage transaction (a page holds up to 1,000 rows; an order has a handful).
    /// </summary>
    public async Task<(StoredOrder? Order, IReadOnlyList<StoredMessage> Messages)> GetForUpdateAsync(
        string shopId, string orderId, CancellationToken cancellationToken)
    {
        var orderRow = OrderRow(orderId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shopId} and (RowKey eq {orderRow} or (RowKey ge {orderRow + "|m|"} and RowKey lt {orderRow + "|m}"}))");
        StoredOrder? order = null;
        var messages = new List<StoredMessage>();
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
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

    /// <summary>
    /// The order's whole timeline, or null when the order does not exist: one range query over its rows.
    /// 1 storage transaction per 1,000 rows (events and messages) of the order.
    /// </summary>
    public async Task<OrderHistory?> GetHistoryAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var orderRow = OrderRow(orderId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shopId} and (RowKey eq {orderRow} or (RowKey ge {orderRow + "|"} and RowKey lt {orderRow + "}"}))");
        StoredOrder? order = null;
        var events = new List<StoredEvent>();
        var messages = new List<StoredMessage>();
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
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
    /// Applies one event in one entity group transaction (1 storage transaction): the event-id row (its insert
    /// fails for a duplicate), the order (inserted, or replaced under its ETag), the timeline row, new outbox rows,
    /// outbox rows that the event makes pointless (skipped under their ETags), and the tasks it opens. Either all of it
    /// is written or none; a task that is open already is left out and the rest submitted again (+1 transaction each).
    /// At most 100 rows (the service's limit per transaction): 3 plus the messages added and skipped and the tasks.
    /// </summary>
    /// <exception cref="ArgumentException">An ETag to replace under is missing, or a date is before 1601; nothing is sent.</exception>
    public async Task<EventWriteOutcome> ApplyEventAsync(OrderEventWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var shopId = write.ShopId;
        var orderId = write.Order.OrderId;
        var order = OrderEntity(shopId, write.Order, write.RemindersPlanned, write.ReceivedAt);
        var actions = new List<TableTransactionAction>
        {
            // First on purpose: a 409 on action 0 is how a duplicate event is told from a conflict.
            new(TableTransactionActionType.Add, EventIdEntity(shopId, write.Event.Id, orderId, write.Event.Type, write.ReceivedAt)),
            write.ExpectedOrderETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, order, Required(etag, "the order"))
                : new(TableTransactionActionType.Add, order),
            new(TableTransactionActionType.Add, EventEntity(shopId, orderId, write)),
        };
        if (write.Order.Customer?.Id is { } customerId)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, CustomerOrderEntity(shopId, customerId, orderId)));
        }

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
            actions.Add(new(TableTransactionActionType.UpdateReplace, MessageEntity(skipped), Required(message.ETag, "a message to skip")));
        }

        if (write.PaidAt is { } paidAt)
        {
            // The payment converts the reminders sent before it: the report's conversion reads this from the log.
            actions.AddRange(write.ConvertedReminders.Select(reminder =>
                new TableTransactionAction(TableTransactionActionType.UpsertMerge, SentMessageLog.PaidEntity(reminder, paidAt))));
        }

        var firstTask = actions.Count;
        actions.AddRange(write.NewTasks.Select(task => new TableTransactionAction(TableTransactionActionType.Add, TaskStore.ToEntity(task))));

        try
        {
            await SubmitSkippingOpenTasksAsync(actions, firstTask, cancellationToken).ConfigureAwait(false);
            return EventWriteOutcome.Applied;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409)
        {
            // The event-id row exists: this event was applied before (or a retry's first attempt succeeded unseen).
            return EventWriteOutcome.Duplicate;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // Someone changed the order or one of its messages since we read them: read again and retry.
            return EventWriteOutcome.Conflict;
        }
    }

    /// <summary>
    /// Applies a customer's message in one entity group transaction (1 storage transaction): the event-id row (the
    /// duplicate check), the order's timeline row, the customer row merged with an opt-out or a note, and the task it
    /// opens; a task already open is left out and the rest submitted again.
    /// </summary>
    public async Task<EventWriteOutcome> ApplyCustomerMessageAsync(CustomerMessageWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (shopId, evt) = (write.ShopId, write.Event);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, EventIdEntity(shopId, evt.Id, evt.OrderId, OrderEventTypes.CustomerMessage, write.ReceivedAt)),
            new(TableTransactionActionType.Add, TimelineEntity(shopId, evt.OrderId, evt.Id, OrderEventTypes.CustomerMessage, write.ReceivedAt, write.Outcome)),

            // The message's order may be one the product never saw: the index still leads an erasure to its task.
            new(TableTransactionActionType.UpsertReplace, CustomerOrderEntity(shopId, evt.CustomerId, evt.OrderId)),
        };
        if (write.OptOut || write.CustomerNote is not null)
        {
            var customer = new TableEntity(shopId, CustomerRow(evt.CustomerId));
            if (write.OptOut)
            {
                customer["OptedOut"] = true;
                customer["OptedOutAt"] = EntityValues.Checked(write.ReceivedAt, "OptedOutAt");
            }

            EntityValues.Set(customer, "Note", write.CustomerNote);
            actions.Add(new(TableTransactionActionType.UpsertMerge, customer));
        }

        var taskIndex = actions.Count;
        if (write.Task is { } task)
        {
            actions.Add(new(TableTransactionActionType.Add, TaskStore.ToEntity(task)));
        }

        try
        {
            await SubmitSkippingOpenTasksAsync(actions, taskIndex, cancellationToken).ConfigureAwait(false);
            return EventWriteOutcome.Applied;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409)
        {
            return EventWriteOutcome.Duplicate;
        }
    }

    /// <summary>
    /// Submits an entity group transaction whose actions from <paramref name="firstTask"/> on open tasks. A task that is
    /// open already (an earlier event opened it; its id is deterministic) fails its insert with 409: it is left out and
    /// the rest submitted again (+1 transaction each time). Any other failure is the caller's.
    /// </summary>
    private async Task SubmitSkippingOpenTasksAsync(List<TableTransactionAction> actions, int firstTask, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await SubmitSkippingOpenTasksAsync(table, actions, firstTask, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="SubmitSkippingOpenTasksAsync(List{TableTransactionAction}, int, CancellationToken)"/>
    /// <remarks>
    /// A task closure (a merge, see <see cref="TaskStore.CloseAction"/>) at or after <paramref name="firstTask"/> whose task
    /// does not exist fails with 404: there is nothing to close, so it is left out the same way (+1 transaction).
    /// </remarks>
    /// <returns>The row keys of the task inserts left out because the task existed already.</returns>
    internal static async Task<IReadOnlyList<string>> SubmitSkippingOpenTasksAsync(TableClient table, List<TableTransactionAction> actions, int firstTask, CancellationToken cancellationToken)
    {
        var existed = new List<string>();
        while (true)
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return existed;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex >= firstTask
                && ((e.Status == 409 && actions[e.FailedTransactionActionIndex!.Value].ActionType == TableTransactionActionType.Add)
                    || (e.Status == 404 && actions[e.FailedTransactionActionIndex!.Value].ActionType == TableTransactionActionType.UpdateMerge)))
            {
                var left = actions[e.FailedTransactionActionIndex!.Value];
                if (left.ActionType == TableTransactionActionType.Add)
                {
                    existed.Add(left.Entity.RowKey);
                }

                actions.RemoveAt(e.FailedTransactionActionIndex!.Value);
            }
        }
    }

    /// <summary>One outbox row with its ETag, or null: one point read (1 storage transaction).</summary>
    public async Task<StoredMessage?> GetMessageAsync(MessageKey key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(key.ShopId, MessageRow(key), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return entity.HasValue ? ReadMessage(key.ShopId, key.OrderId, entity.Value!) : null;
    }

    /// <summary>
    /// Replaces an outbox row only if nobody changed it since it was read (its ETag): this is how an instance
    /// claims a message before sending it. Returns the updated row with its new ETag, or null when another instance
    /// got there first (412) or the row is gone (404). 1 storage transaction.
    /// </summary>
    public async Task<StoredMessage?> TryUpdateMessageAsync(StoredMessage updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var stamped = updated with { UpdatedAt = time.GetUtcNow() };
        var entity = MessageEntity(stamped);
        var ifMatch = Required(updated.ETag, "the message");
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        if (stamped is { State: MessageState.Sent, SentAt: { } sentAt })
        {
            // Recorded as sent: the sent-message log's row goes in the same transaction (still 1 storage transaction).
            return await TryRecordSentAsync(table, stamped, ifMatch, sentAt, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var response = await table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return stamped with { ETag = response.Headers.ETag ?? throw new InvalidOperationException("The service returned no ETag for an update.") };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static async Task<StoredMessage?> TryRecordSentAsync(TableClient table, StoredMessage sent, ETag ifMatch, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, MessageEntity(sent), ifMatch),
            new(TableTransactionActionType.UpsertReplace, SentMessageLog.SentEntity(sent, sentAt)),
        ];
        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return sent with { ETag = response.Value[0].Headers.ETag ?? throw new InvalidOperationException("The service returned no ETag for an update.") };
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Claims an outbox row for sending, on condition that neither the row nor its order changed since they were
    /// read: one entity group transaction (1 storage transaction, the same as an unconditional claim) in the shop's
    /// partition carrying the row's replace under its ETag and a merge of the order row under the order's ETag.
    /// Table transactions have no pure "check" action, so the merge is the check: it writes no property, which
    /// leaves the order's data as it was but gives it a new ETag. A webhook that read the order before the claim
    /// therefore meets a conflict and re-reads (its retry loop exists for this), and from then on sees the row as
    /// sending. In return a payment committed before the claim always wins: the claim fails and nothing is sent.
    /// </summary>
    /// <exception cref="ArgumentException">An ETag is missing; nothing is sent to storage.</exception>
    /// <param name="budget">
    /// For a message that counts against the customer's contact budget: the customer's contacts with this one added,
    /// written in the same transaction, conditional on the customer row as it was read (inserted when there was none).
    /// A concurrent send to the same customer, or an opt-out, then makes this claim fail with
    /// <see cref="ClaimOutcome.CustomerChanged"/>, so the budget holds across instances.
    /// </param>
    public async Task<MessageClaim> TryClaimMessageAsync(
        StoredMessage updated, ETag orderETag, CustomerContactsWrite? budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var stamped = updated with { UpdatedAt = time.GetUtcNow() };
        var actions = new List<TableTransactionAction>
        {
            // First on purpose: a failure of action 0 means the order changed, which the caller answers by deciding again.
            new(TableTransactionActionType.UpdateMerge, new TableEntity(updated.Key.ShopId, OrderRow(updated.Key.OrderId)), Required(orderETag, "the order")),
            new(TableTransactionActionType.UpdateReplace, MessageEntity(stamped), Required(updated.ETag, "the message")),
        };
        if (budget is not null)
        {
            var contacts = new TableEntity(updated.Key.ShopId, CustomerRow(budget.CustomerId))
            {
                ["RecentContacts"] = JsonSerializer.Serialize(budget.Contacts.RecentContacts.ToList(), StoreJsonContext.Default.ListDateTimeOffset),
            };
            actions.Add(budget.ExpectedETag is { } etag
                ? new(TableTransactionActionType.UpdateMerge, contacts, etag)
                : new(TableTransactionActionType.Add, contacts));
        }

        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            var etag = response.Value[1].Headers.ETag ?? throw new InvalidOperationException("The service returned no ETag for a claim.");
            return new MessageClaim(ClaimOutcome.Claimed, stamped with { ETag = etag });
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404 or 409)
        {
            return new MessageClaim(
                e.FailedTransactionActionIndex switch
                {
                    0 => ClaimOutcome.OrderChanged,
                    2 => ClaimOutcome.CustomerChanged,
                    _ => ClaimOutcome.MessageChanged,
                },
                null);
        }
    }

    /// <summary>A customer's contacts and opt-out, with the row's ETag (null when there is no row yet): one point read.</summary>
    public async Task<StoredCustomerContacts> GetCustomerContactsAsync(string shopId, string customerId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, CustomerRow(customerId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!entity.HasValue)
        {
            return new StoredCustomerContacts(CustomerContacts.None, null);
        }

        var row = entity.Value!;
        var recent = row.GetString("RecentContacts") is { } json ? JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListDateTimeOffset) ?? [] : [];
        var optedOutAt = row.GetBoolean("OptedOut") == true ? row.GetDateTimeOffset("OptedOutAt") : null;
        return new StoredCustomerContacts(new CustomerContacts(recent, optedOutAt), row.ETag);
    }

    /// <summary>
    /// Opts a customer out of non-transactional messages (<paramref name="optedOutAt"/>) or back in (null): one merge,
    /// creating the row if needed. It changes the row's ETag, so a claim that read the customer before fails and decides again.
    /// </summary>
    public async Task SetOptOutAsync(string shopId, string customerId, DateTimeOffset? optedOutAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(shopId, CustomerRow(customerId)) { ["OptedOut"] = optedOutAt is not null };
        EntityValues.Set(entity, "OptedOutAt", optedOutAt);
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    internal static string CustomerRow(string customerId) => "c|" + CustomerKey(customerId);

    /// <summary>
    /// A customer id as a row key segment. The id is the platform's and may be any text, but Table Storage refuses
    /// '/', '\', '#', '?' and control characters in keys, and '|' separates our segments (customer "a|o|b" must not
    /// fall under customer "a"'s prefix). Such an id, or one with '~', is keyed by its base64url form behind '~';
    /// every other id stays readable, as the rows stored before this rule have it.
    /// </summary>
    internal static string CustomerKey(string customerId) =>
        customerId.Any(c => c is '/' or '\\' or '#' or '?' or '|' or '~' || char.IsControl(c))
            ? "~" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(customerId))
            : customerId;

    /// <summary>The first row key of a customer's rows in the customer-to-orders index; '}' after '|' ends the range.</summary>
    internal static string CustomerOrdersPrefix(string customerId) => $"c|{CustomerKey(customerId)}|o|";

    /// <summary>A row of the customer-to-orders index: ids only, so it holds nothing an erasure must rewrite.</summary>
    internal static TableEntity CustomerOrderEntity(string shopId, string customerId, string orderId) =>
        new(shopId, CustomerOrdersPrefix(customerId) + orderId) { ["OrderId"] = orderId };

    internal static string OrderRow(string orderId) => "o|" + orderId;

    private static string MessageRow(MessageKey key) =>
        $"o|{key.OrderId}|m|{key.Kind}|{key.Step.ToString("D2", CultureInfo.InvariantCulture)}";

    internal static TableEntity OrderEntity(string shopId, Order order, bool remindersPlanned, DateTimeOffset now)
    {
        var entity = new TableEntity(shopId, OrderRow(order.OrderId))
        {
            ["Status"] = order.Status.ToString(),
            ["RemindersPlanned"] = remindersPlanned,
            ["UpdatedAt"] = EntityValues.Checked(now, "UpdatedAt"),
        };
        EntityValues.Set(entity, "PlacedAt", order.PlacedAt);
        EntityValues.Set(entity, "AutoCloseAt", order.AutoCloseAt);
        EntityValues.Set(entity, "Total", order.Total?.ToString(CultureInfo.InvariantCulture));
        EntityValues.Set(entity, "Currency", order.Currency);
        EntityValues.Set(entity, "PayUrl", order.PayUrl);
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

        if (order.Shipments.Count > 0)
        {
            entity["Shipments"] = JsonSerializer.Serialize(order.Shipments.ToList(), StoreJsonContext.Default.ListShipment);
        }

        EntityValues.Set(entity, "ShippedAt", order.ShippedAt);
        EntityValues.Set(entity, "DeliveredAt", order.DeliveredAt);
        EntityValues.Set(entity, "FactsAsOf", order.FactsAsOf);

        // Written back as read: an order event replaces the row, and must not drop what case events keep here.
        EntityValues.Set(entity, OpenCasesColumn, OpenCasesValue(order.OpenCases));

        return entity;
    }

    internal static StoredOrder ReadOrder(string shopId, string orderId, TableEntity entity)
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
            entity.GetString("Shipment") is { } shipment ? JsonSerializer.Deserialize(shipment, StoreJsonContext.Default.Shipment) : null)
        {
            ShippedAt = entity.GetDateTimeOffset("ShippedAt"),
            DeliveredAt = entity.GetDateTimeOffset("DeliveredAt"),
            FactsAsOf = entity.GetDateTimeOffset("FactsAsOf"),
            OpenCases = ReadOpenCases(entity),
        };

        // Orders stored before shipments were listed kept only their latest one.
        order = order with
        {
            Shipments = entity.GetString("Shipments") is { } shipments
                ? JsonSerializer.Deserialize(shipments, StoreJsonContext.Default.ListShipment) ?? []
                : order.Shipment is { } only ? [only] : [],
        };
        return new StoredOrder(order, entity.GetBoolean("RemindersPlanned") ?? false, entity.ETag);
    }

    /// <summary>The order row's column of open case ids (see <see cref="Order.OpenCases"/>), one per line.</summary>
    internal const string OpenCasesColumn = "OpenCases";

    internal static string? OpenCasesValue(IReadOnlyList<string> openCases) => openCases.Count == 0 ? null : string.Join('\n', openCases);

    internal static IReadOnlyList<string> ReadOpenCases(TableEntity entity) =>
        entity.GetString(OpenCasesColumn) is { Length: > 0 } ids ? ids.Split('\n') : [];

    /// <summary>A row of an order's timeline for an event that is not an order event (a customer's message, a review).</summary>
    internal static TableEntity TimelineEntity(string shopId, string orderId, string eventId, string type, DateTimeOffset receivedAt, string outcome)
    {
        var ticks = receivedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        return new TableEntity(shopId, $"o|{orderId}|e|{ticks}|{eventId}")
        {
            ["EventId"] = eventId,
            ["Type"] = type,
            ["ReceivedAt"] = EntityValues.Checked(receivedAt, "ReceivedAt"),
            ["Outcome"] = outcome,
        };
    }

    /// <summary>The row that records an event id as seen: its insert is the atomic duplicate check.</summary>
    internal static TableEntity EventIdEntity(string shopId, string eventId, string orderId, string type, DateTimeOffset receivedAt) =>
        new(shopId, "e|" + eventId)
        {
            ["OrderId"] = orderId,
            ["Type"] = type,
            ["ReceivedAt"] = EntityValues.Checked(receivedAt, "ReceivedAt"),
        };

    private static TableEntity EventEntity(string shopId, string orderId, OrderEventWrite write)
    {
        var ticks = write.ReceivedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var entity = new TableEntity(shopId, $"o|{orderId}|e|{ticks}|{write.Event.Id}")
        {
            ["EventId"] = write.Event.Id,
            ["Type"] = write.Event.Type,
            ["ReceivedAt"] = EntityValues.Checked(write.ReceivedAt, "ReceivedAt"),
            ["Outcome"] = write.Outcome,
        };
        EntityValues.Set(entity, "OccurredAt", write.Event.OccurredAt);
        return entity;
    }

    private static StoredEvent ReadEvent(TableEntity entity) => new(
        entity.GetString("EventId") ?? "",
        entity.GetString("Type") ?? "",
        entity.GetDateTimeOffset("OccurredAt"),
        entity.GetDateTimeOffset("ReceivedAt") ?? default,
        entity.GetString("Outcome") ?? "");

    internal static TableEntity MessageEntity(StoredMessage message)
    {
        var entity = new TableEntity(message.Key.ShopId, MessageRow(message.Key))
        {
            ["MessageId"] = message.Key.MessageId,
            ["Kind"] = message.Key.Kind,
            ["Step"] = message.Key.Step,
            ["State"] = message.State.ToString(),
            ["Attempts"] = message.Attempts,
            ["UpdatedAt"] = EntityValues.Checked(message.UpdatedAt, "UpdatedAt"),
        };
        EntityValues.Set(entity, "DueAt", message.DueAt);
        EntityValues.Set(entity, "Reason", message.Reason);
        EntityValues.Set(entity, "LastError", message.LastError);
        EntityValues.Set(entity, "SentAt", message.SentAt);
        EntityValues.Set(entity, "LeaseUntil", message.LeaseUntil);
        if (message.Prepared is { } prepared)
        {
            entity["Prepared"] = JsonSerializer.Serialize(prepared, StoreJsonContext.Default.PreparedMessage);
        }

        return entity;
    }

    internal static StoredMessage ReadMessage(string shopId, string orderId, TableEntity entity) => new(
        new MessageKey(shopId, orderId, entity.GetString("Kind") ?? "", entity.GetInt32("Step") ?? 0),
        Enum.Parse<MessageState>(entity.GetString("State") ?? nameof(MessageState.Scheduled)),
        entity.GetDateTimeOffset("DueAt"),
        entity.GetString("Reason"),
        entity.GetInt32("Attempts") ?? 0,
        entity.GetString("LastError"),
        entity.GetDateTimeOffset("SentAt"),
        entity.GetDateTimeOffset("LeaseUntil"),
        entity.GetDateTimeOffset("UpdatedAt") ?? default,
        entity.ETag)
    {
        Prepared = entity.GetString("Prepared") is { } prepared ? JsonSerializer.Deserialize(prepared, StoreJsonContext.Default.PreparedMessage) : null,
    };

    // Replacing under a default ETag would send no If-Match and silently overwrite whatever is stored.
    internal static ETag Required(ETag etag, string what) =>
        etag == default ? throw new ArgumentException($"The ETag of {what} is missing; replace only what was read.", nameof(etag)) : etag;
}
