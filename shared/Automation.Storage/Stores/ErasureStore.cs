using System.Text.Json;
using Automation.Core.Customers;
using Automation.Core.Messaging;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>What a customer erasure changed; all zero when nothing was left to erase (a second call, an unknown customer).</summary>
/// <param name="Orders">Order rows that lost the customer (and the pay link).</param>
/// <param name="MessagesSkipped">Pending messages to the customer recorded as skipped, <c>customer_erased</c>.</param>
/// <param name="MessageTextsRemoved">Final outbox rows (sent, skipped, failed) whose stored text and customer id were removed.</param>
/// <param name="Contacts">1 when the customer's contacts row was deleted, or cut down to the opt-out.</param>
public sealed record CustomerErasureCounts(int Orders, int MessagesSkipped, int MessageTextsRemoved, int Reviews, int Cases, int Tasks, int Contacts)
{
    public static CustomerErasureCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public CustomerErasureCounts Plus(CustomerErasureCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Orders + other.Orders, MessagesSkipped + other.MessagesSkipped, MessageTextsRemoved + other.MessageTextsRemoved,
            Reviews + other.Reviews, Cases + other.Cases, Tasks + other.Tasks, Contacts + other.Contacts);
    }
}

/// <summary>What a shop erasure deleted: rows of the Shops, ApiKeys, Orders and PlatformDeliveries tables, and entries of the due index.</summary>
public sealed record ShopErasureCounts(int SettingsRows, int ApiKeys, int OrderRows, int DueEntries)
{
    /// <summary>Rows of the platform delivery log (ids and topics only, but the shop's all the same).</summary>
    public int PlatformDeliveryRows { get; init; }
}

/// <summary>An order kept changing under an erasure (events applied meanwhile): nothing half-done, call again.</summary>
public sealed class ErasureConflictException(string message) : Exception(message);

/// <summary>
/// Erases personal data: one customer's (<see cref="EraseCustomerAsync"/>), or everything of a shop
/// (<see cref="EraseShopAsync"/>). What is erased and what is kept is <see cref="PersonalDataErasure"/>'s rule; this
/// class finds the rows by key and rewrites them.
/// <para><b>Finding a customer's rows, never by scanning.</b> The customer-to-orders index
/// <c>c|{customerId}|o|{orderId}</c> (written with each event, customer message and review, see <see cref="OrderStore"/>)
/// names the orders. Under each order, one range query reads the order, its outbox, its cases (<c>o|{orderId}|k|</c>)
/// and its reviews (<c>o|{orderId}|r|</c>, and for reviews stored before that index the review id its reply carries).
/// Tasks are found by their deterministic ids, which begin with kind and subject: one prefix range query per task kind
/// and subject (<see cref="PersonalDataErasure.TaskKindsBySubject"/>: 4 per order, 4 per case, 4 per review).</para>
/// <para><b>Atomic per order.</b> Everything of one order (its row under its ETag, outbox rows, cases, reviews, tasks,
/// and last the index row) is one entity group transaction (one per 100 rows, the index row in the last), so a crash
/// or a concurrent change leaves the order either erased or still indexed; a concurrent event or delivery makes the
/// transaction fail, and the order is read and erased again (5 times at most, then <see cref="ErasureConflictException"/>).
/// A second call finds nothing and changes nothing.</para>
/// <para><b>Cost of a customer erasure</b> (storage transactions): 1 index query + 1 contacts read (+1 write when there
/// is something to erase) + per order 1 range query (1 per 1,000 rows of the order) and 4 task queries + per case
/// 1 point read and 4 task queries + per review 1 point read and 4 task queries + 1 entity group transaction per order
/// with anything to erase. A customer with one order, one case and one review: 17 reads and 2 writes (the order's
/// transaction, the contacts); the reads of an order run side by side. Nothing on any hot path costs more: the index rows ride in transactions the product already makes.</para>
/// <para>Limits: an order stored before the index and never changed since is found only when the caller names it
/// (Shopify's <c>orders_to_redact</c>); a review stored before its order index without a reply text, and handover
/// notes (their ids are the author's), are not found.</para>
/// </summary>
public sealed class ErasureStore(StoreTables tables, DueMessageIndex dueIndex, TimeProvider time)
{
    private const int MaxAttempts = 5;
    private const int MaxBatch = 100;

    /// <summary>
    /// Erases a customer's personal data in a shop: the orders the index names and <paramref name="orderIds"/> (orders
    /// the platform says are the customer's; one stored under another customer is left alone), each with its outbox,
    /// cases, reviews and tasks, then the customer's contacts row (kept as the bare opt-out when they opted out).
    /// </summary>
    /// <exception cref="ErasureConflictException">An order kept changing meanwhile; the orders done so far stay done.</exception>
    public async Task<CustomerErasureCounts> EraseCustomerAsync(string shopId, string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(orderIds);
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        var prefix = OrderStore.CustomerOrdersPrefix(customerId);
        await foreach (var row in table.QueryAsync<TableEntity>(PrefixFilter(shopId, prefix), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            indexed.Add(row.RowKey[prefix.Length..]);
        }

        var counts = CustomerErasureCounts.None;
        foreach (var orderId in indexed.Union(orderIds, StringComparer.Ordinal))
        {
            counts = counts.Plus(await EraseOrderAsync(table, shopId, customerId, orderId, indexed.Contains(orderId), cancellationToken).ConfigureAwait(false));
        }

        // Last: a crash before it leaves the row for the next call, which finds it by the customer's id alone.
        return counts.Plus(await EraseContactsAsync(table, shopId, customerId, cancellationToken).ConfigureAwait(false));
    }

    private async Task<CustomerErasureCounts> EraseOrderAsync(TableClient table, string shopId, string customerId, string orderId, bool indexed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (actions, counts) = await PlanOrderAsync(table, shopId, customerId, orderId, indexed, cancellationToken).ConfigureAwait(false);
            TableTransactionAction[] batch = [];
            try
            {
                foreach (var chunk in actions.Chunk(MaxBatch))
                {
                    batch = chunk;
                    await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                return counts;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // The order, a message, a case, a review or a task changed since read: read it all again. The one delete
                // is the index row's: a 404 there means a concurrent erasure (a platform's retry) deleted it already.
                if (e.Status == 404 && e.FailedTransactionActionIndex is { } index && index < batch.Length && batch[index].ActionType == TableTransactionActionType.Delete)
                {
                    indexed = false;
                }
            }
        }

        throw new ErasureConflictException($"The order kept changing {MaxAttempts} times while its customer's data was erased; call again.");
    }

    /// <summary>Reads what the order holds and returns the writes that erase the customer from it, the index row's delete last.</summary>
    private async Task<(List<TableTransactionAction> Actions, CustomerErasureCounts Counts)> PlanOrderAsync(
        TableClient table, string shopId, string customerId, string orderId, bool indexed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var orderRow = OrderStore.OrderRow(orderId);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shopId} and (RowKey eq {orderRow} or (RowKey ge {orderRow + "|"} and RowKey lt {orderRow + "}"}))");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var actions = new List<TableTransactionAction>();
        var indexDelete = new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shopId, OrderStore.CustomerOrdersPrefix(customerId) + orderId), ETag.All);
        var order = rows.Find(r => r.RowKey == orderRow) is { } found ? OrderStore.ReadOrder(shopId, orderId, found) : null;
        if (order?.Order.Customer is { } owner && owner.Id != customerId)
        {
            // Another customer's order now (the platform moved it): theirs is not erased; only the stale index row goes.
            return (indexed ? [indexDelete] : [], CustomerErasureCounts.None);
        }

        var messages = rows.Where(r => r.RowKey.StartsWith(orderRow + "|m|", StringComparison.Ordinal)).Select(r => OrderStore.ReadMessage(shopId, orderId, r)).ToList();
        var caseIds = IdsUnder(rows, CaseStore.OrderCaseRow(orderId, ""), "CaseId");
        var reviewIds = IdsUnder(rows, orderRow + ReviewStore.OrderReviewInfix, "ReviewId")
            .Union(messages.Select(m => m.Prepared?.ReviewId).OfType<string>(), StringComparer.Ordinal)
            .ToList();

        var caseReads = caseIds.Select(id => table.GetEntityIfExistsAsync<TableEntity>(shopId, CaseStore.CaseRowPrefix + id, cancellationToken: cancellationToken)).ToList();
        var reviewReads = reviewIds.Select(id => table.GetEntityIfExistsAsync<TableEntity>(shopId, ReviewStore.ReviewRow(id), cancellationToken: cancellationToken)).ToList();
        var subjects = new[] { (TaskSubject.Order, orderId) }
            .Concat(caseIds.Select(id => (TaskSubject.Case, id)))
            .Concat(reviewIds.Select(id => (TaskSubject.Review, id)));
        var taskReads = subjects
            .SelectMany(s => PersonalDataErasure.TaskKindsBySubject[s.Item1].Select(kind => ListTasksAsync(table, shopId, kind, s.Item1, s.Item2, cancellationToken)))
            .ToList();
        await Task.WhenAll(caseReads.Cast<Task>().Concat(reviewReads).Concat(taskReads)).ConfigureAwait(false);

        var erasedOrders = 0;
        if (order is not null && PersonalDataErasure.Erase(order.Order) is { } erasedOrder)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, OrderStore.OrderEntity(shopId, erasedOrder, order.RemindersPlanned, now), order.ETag));
            erasedOrders = 1;
        }

        var (skipped, textsRemoved) = (0, 0);
        foreach (var message in messages)
        {
            // A message whose claim still holds is on its way (as a payment after the claim cannot stop it either);
            // one whose claim ran out belongs to a sender that died, and would be sent again: it is skipped too.
            if (message.State is MessageState.Scheduled or MessageState.AwaitingApproval || (message.State == MessageState.Sending && message.LeaseUntil <= now))
            {
                actions.Add(MessageReplace(message with { State = MessageState.Skipped, Reason = SkipReasons.CustomerErased, LeaseUntil = null, Prepared = null, UpdatedAt = now }));
                skipped++;
            }
            else if (message.Prepared is not null && message.IsFinal)
            {
                actions.Add(MessageReplace(message with { Prepared = null, UpdatedAt = now }));
                textsRemoved++;
            }
        }

        var erasedCases = 0;
        foreach (var read in caseReads.Select(r => r.Result).Where(r => r.HasValue).Select(r => r.Value!))
        {
            if (PersonalDataErasure.Erase(CaseStore.ReadCase(read)) is not { } erased)
            {
                continue;
            }

            // The case row under its ETag; its summaries (the order's, the opening-time index's, the open-case index's
            // while open) carry the reason text too, and are rewritten from it as a case event rewrites them.
            actions.Add(new(TableTransactionActionType.UpdateReplace, CaseStore.CaseEntity(erased, now, read.GetString(CaseStore.SweepTaskColumn)), read.ETag));
            actions.Add(new(TableTransactionActionType.UpsertReplace, CaseStore.SummaryEntity(erased, CaseStore.OrderCaseRow(orderId, erased.CaseId), now)));
            actions.Add(new(TableTransactionActionType.UpsertReplace, CaseStore.SummaryEntity(erased, CaseStore.OpenedTimeRow(erased), now)));
            if (read.GetString(CaseStore.OpenedIndexRowColumn) is { } former && former != CaseStore.OpenedTimeRow(erased))
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, CaseStore.SummaryEntity(erased, former, now)));
            }

            if (!erased.IsClosed)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, CaseStore.SummaryEntity(erased, CaseStore.OpenRowPrefix + erased.CaseId, now)));
            }

            erasedCases++;
        }

        var erasedReviews = 0;
        foreach (var read in reviewReads.Select(r => r.Result).Where(r => r.HasValue).Select(r => r.Value!))
        {
            var review = ReviewStore.FromEntity(read);
            if (review.CustomerId is { } author && author != customerId)
            {
                continue;
            }

            var erased = review with
            {
                Review = PersonalDataErasure.Erase(review.Review) ?? review.Review,
                CustomerId = null,
                Facts = new PersonalFacts(OrderId: review.Facts.OrderId),
                Classification = PersonalDataErasure.Erase(review.Classification),

                // The words an agent named are the review's own: they go with it. The shop's taught list keeps them
                // (short words about the goods, checked for personal data when taught; ops remove one there).
                Correction = review.Correction is { } correction
                    ? correction with { Phrases = [.. correction.Phrases.Select(p => p with { Text = PersonalDataErasure.Erased })] }
                    : null,
            };
            var correctionErased = review.Correction is { } before && !before.Phrases.SequenceEqual(erased.Correction!.Phrases);
            if (erased.Review != review.Review || review.CustomerId is not null || erased.Facts != review.Facts || erased.Classification.Evidence.SequenceEqual(review.Classification.Evidence) is false || correctionErased)
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, ReviewStore.ToEntity(erased), read.ETag));
                erasedReviews++;
            }
        }

        var erasedTasks = 0;
        foreach (var task in taskReads.SelectMany(r => r.Result).DistinctBy(t => t.Task.TaskId, StringComparer.Ordinal))
        {
            if (PersonalDataErasure.EraseEvidence(task.Task) is { } evidence)
            {
                // A merge under the task's ETag: its state, assignee and resolution stay as they are.
                actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, TaskStore.RowPrefix + task.Task.TaskId)
                {
                    ["Evidence"] = JsonSerializer.Serialize(evidence.ToList(), StoreJsonContext.Default.ListTaskEvidence),
                }, task.ETag));
                erasedTasks++;
            }
        }

        if (indexed)
        {
            actions.Add(indexDelete);
        }

        return (actions, new CustomerErasureCounts(erasedOrders, skipped, textsRemoved, erasedReviews, erasedCases, erasedTasks, 0));

        TableTransactionAction MessageReplace(StoredMessage updated) =>
            new(TableTransactionActionType.UpdateReplace, OrderStore.MessageEntity(updated), OrderStore.Required(updated.ETag, "a message"));
    }

    private static List<string> IdsUnder(List<TableEntity> rows, string prefix, string column) =>
        [.. rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.GetString(column) ?? r.RowKey[prefix.Length..]).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The tasks of one kind about one subject: a prefix range query over <c>t|{kind}:{subjectId}</c> (1 transaction), the
    /// subject's column compared exactly in the service, since one id may begin another (<c>A1</c>, <c>A1:2</c>).
    /// </summary>
    private static async Task<List<StoredTask>> ListTasksAsync(TableClient table, string shopId, string kind, TaskSubject subject, string subjectId, CancellationToken cancellationToken)
    {
        var sameSubject = subject switch
        {
            TaskSubject.Order => TableClient.CreateQueryFilter($"OrderId eq {subjectId}"),
            TaskSubject.Case => TableClient.CreateQueryFilter($"CaseId eq {subjectId}"),
            _ => TableClient.CreateQueryFilter($"ReviewId eq {subjectId}"),
        };
        var filter = PrefixFilter(shopId, $"{TaskStore.RowPrefix}{kind}:{subjectId}") + " and " + sameSubject;
        var tasks = new List<StoredTask>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(new StoredTask(TaskStore.FromEntity(entity), entity.ETag));
        }

        return tasks;
    }

    /// <summary>
    /// The contacts row: deleted, or when the customer opted out, cut down to the opt-out (the record of their wish not
    /// to be contacted, kept so that the platform sending the customer again does not make them reachable). 1 point read,
    /// and 1 write when there is more than the opt-out; under the row's ETag, so a send taking from the budget meanwhile
    /// makes it read again.
    /// </summary>
    private static async Task<CustomerErasureCounts> EraseContactsAsync(TableClient table, string shopId, string customerId, CancellationToken cancellationToken)
    {
        var rowKey = OrderStore.CustomerRow(customerId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(shopId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!read.HasValue)
            {
                return CustomerErasureCounts.None;
            }

            var row = read.Value!;
            try
            {
                if (row.GetBoolean("OptedOut") == true)
                {
                    var optOut = new TableEntity(shopId, rowKey) { ["OptedOut"] = true };
                    EntityValues.Set(optOut, "OptedOutAt", row.GetDateTimeOffset("OptedOutAt"));
                    if (row.Keys.All(k => k is "odata.etag" or "Timestamp" or "PartitionKey" or "RowKey" || optOut.ContainsKey(k)))
                    {
                        return CustomerErasureCounts.None;
                    }

                    await table.UpdateEntityAsync(optOut, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.DeleteEntityAsync(shopId, rowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                }

                return CustomerErasureCounts.None with { Contacts = 1 };
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // A send or an opt-out changed the row meanwhile: read it again.
            }
        }

        throw new ErasureConflictException($"The customer's contacts kept changing {MaxAttempts} times while they were erased; call again.");
    }

    /// <summary>
    /// Deletes everything of a shop (Shopify's <c>shop/redact</c>, 48 hours after the shop uninstalled): its settings
    /// row first (so webhooks and deliveries stop finding the shop), its API keys, and its whole partition of the Orders
    /// table (orders, timelines, outbox, cases, reviews, tasks, contacts, the sweep's records, the sent-message log),
    /// and its platform delivery log, each found by partition key, never by scanning another shop's rows; the due index's entry of every scheduled
    /// message is deleted before its outbox row. Idempotent: a crash leaves the rest for the next call, and a second
    /// call deletes nothing.
    /// <para>Cost: per table 1 query per 1,000 rows (selecting keys only) + 1 entity group transaction per 100 rows
    /// deleted; + 1 delete per message not sent or failed (its due entry, in the hour partition the index filed it under). A shop
    /// with 10,000 orders of about 10 rows each: about 100 queries and 1,000 transactions. A due entry filed under
    /// another hour (a step already due when it was planned, across an hour boundary) is left to the sweep, which hands it
    /// to delivery, which finds no outbox row and drops it; queued messages end the same way. Both hold ids only.</para>
    /// </summary>
    /// <exception cref="ArgumentException">Not a shop id's shape; nothing is read or deleted.</exception>
    public async Task<ShopErasureCounts> EraseShopAsync(string shopId, CancellationToken cancellationToken)
    {
        if (!ShopSettingsValidator.IsValidShopId(shopId))
        {
            throw new ArgumentException("Not a shop id: 3-63 of a-z, 0-9 and '-'.", nameof(shopId));
        }

        var settings = await DeletePartitionAsync(StoreTables.Shops, shopId, null, cancellationToken).ConfigureAwait(false);
        var keys = await DeletePartitionAsync(StoreTables.ApiKeys, shopId, null, cancellationToken).ConfigureAwait(false);
        var dueEntries = 0;
        var orderRows = await DeletePartitionAsync(StoreTables.Orders, shopId, async (rows, ct) =>
        {
            // A skipped message (say, erased with its customer) may still have its entry: the sweep drops such entries
            // only when their hour comes, and a shop erasure must leave none behind. Sent and failed ones were taken off.
            foreach (var row in rows.Where(r => r.GetString("State") is not (null or nameof(MessageState.Sent) or nameof(MessageState.Failed)) && r.RowKey.StartsWith("o|", StringComparison.Ordinal)))
            {
                // o|{orderId}|m|{kind}|{step}: ids hold no '|'. The index filed the entry when the row was written.
                var parts = row.RowKey.Split('|');
                if (parts is [_, var orderId, "m", var kind, _] && row.GetInt32("Step") is { } step && row.GetDateTimeOffset("DueAt") is { } dueAt
                    && await dueIndex.RemoveAsync(new MessageKey(shopId, orderId, kind, step), dueAt, row.GetDateTimeOffset("UpdatedAt") ?? dueAt, ct).ConfigureAwait(false))
                {
                    dueEntries++;
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        var deliveries = await DeletePartitionAsync(StoreTables.PlatformDeliveries, shopId, null, cancellationToken).ConfigureAwait(false);
        return new ShopErasureCounts(settings, keys, orderRows, dueEntries) { PlatformDeliveryRows = deliveries };
    }

    /// <summary>Deletes a partition page by page (1 query per 1,000 rows, 1 transaction per 100 deletes); returns the rows deleted.</summary>
    private async Task<int> DeletePartitionAsync(string tableName, string partition, Func<IReadOnlyList<TableEntity>, CancellationToken, Task>? beforeDelete, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var deleted = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "State", "Step", "DueAt", "UpdatedAt"], cancellationToken: cancellationToken)
            .AsPages().ConfigureAwait(false))
        {
            if (beforeDelete is not null)
            {
                await beforeDelete(page.Values, cancellationToken).ConfigureAwait(false);
            }

            foreach (var batch in page.Values.Chunk(MaxBatch))
            {
                // Unconditional: the shop is going, whatever changed. A row deleted meanwhile fails the batch with 404.
                deleted += await SubmitDeletesAsync(table, [.. batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All))], cancellationToken).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    /// <returns>The rows deleted (those gone already are not counted).</returns>
    private static async Task<int> SubmitDeletesAsync(TableClient table, List<TableTransactionAction> deletes, CancellationToken cancellationToken)
    {
        while (deletes.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(deletes, cancellationToken).ConfigureAwait(false);
                return deletes.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex is { } index)
            {
                // Gone already (a concurrent erasure): leave it out and delete the rest (+1 transaction).
                deletes.RemoveAt(index);
            }
        }

        return 0;
    }

    // The prefixes end in a character below '~'; the next character ends the range, so [prefix, successor) is exactly its rows.
    private static string PrefixFilter(string shopId, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
}
