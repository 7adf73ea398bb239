using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Tasks;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>A case as stored, with the ETag its next change is written under.</summary>
public sealed record StoredCase(Case Case, ETag ETag)
{
    /// <summary>The row key of the case's row in the opening-time index as last written (null for a case stored before it).</summary>
    public string? OpenedIndexRow { get; init; }

    /// <summary>The id of the morning sweep's task for the case, once a sweep opened one (the sweep records it on the case row).</summary>
    public string? SweepTaskId { get; init; }
}

/// <summary>
/// A case as listed: every field of <see cref="Case"/> except the evidence itself and the return parcel, which only
/// the case row holds (<see cref="CaseStore.GetAsync"/>). <see cref="Summary"/>'s <c>Evidence</c> is therefore always
/// empty: use <see cref="HasPhotos"/> and <see cref="EvidenceCount"/>, never <c>Summary.HasPhotos</c>. Enough for
/// <see cref="CaseDeadlines.For"/> and <c>BacklogItems.ForCase</c>, which read no evidence.
/// </summary>
public sealed record CaseSummary(Case Summary, bool HasPhotos, int EvidenceCount)
{
    public string CaseId => Summary.CaseId;
}

/// <summary>Everything one case event writes, atomically.</summary>
/// <param name="Current">The case as read (null when new): its ETag conditions the write, its status says which rows change.</param>
/// <param name="Order">The case's order as read (null when not known yet): its open-case ids are merged under its ETag.</param>
/// <param name="Outcome">The order timeline's line for the event.</param>
public sealed record CaseWrite(
    string EventId,
    string EventType,
    StoredCase? Current,
    Case Case,
    StoredOrder? Order,
    DateTimeOffset ReceivedAt,
    string Outcome,
    IReadOnlyList<AgentTask> Tasks)
{
    /// <summary>The case's tasks the event makes unneeded (<see cref="CaseTasks.ClosuresFor"/>), closed in the same transaction.</summary>
    public IReadOnlyList<TaskClosure> ClosedTasks { get; init; } = [];
}

/// <summary>
/// After-sale cases, in the shop's partition of the Orders table beside their orders, so that one case event is one
/// entity group transaction. Row keys:
/// <list type="bullet">
/// <item><c>k|{caseId}</c>: the case, everything <see cref="Case"/> holds (evidence as JSON, split over columns of at
/// most 30,000 characters since a string property holds 64 KiB).</item>
/// <item><c>ko|{caseId}</c>: the open-case index, a <see cref="CaseSummary"/> row that exists only while the case is
/// not closed: the morning sweep lists open cases with one range query without reading closed ones.</item>
/// <item><c>o|{orderId}|k|{caseId}</c>: the same summary under the order, so the order view lists its cases with one
/// range query.</item>
/// <item><c>kt|{openedAt, UTC ticks}|{caseId}</c>: the same summary by opening time, for every case, open or closed:
/// the report lists the cases opened in a period with one range query. The case row keeps this row's key, so that a
/// later event correcting the opening time moves the row in the same transaction.</item>
/// </list>
/// "ko|" and "kt|" sort before "k|" ('o' and 't' &lt; '|'), so the three ranges never overlap.
/// </summary>
public sealed class CaseStore(StoreTables tables)
{
    internal const string CaseRowPrefix = "k|";
    internal const string OpenRowPrefix = "ko|";
    internal const string OpenedTimeRowPrefix = "kt|";
    internal const string OpenedIndexRowColumn = "OpenedIndexRow";

    /// <summary>The case row's column naming its sweep task (written by <see cref="TaskStore.ApplySweepAsync"/>).</summary>
    internal const string SweepTaskColumn = "SweepTaskId";
    private const int ChunkLength = 30_000;

    /// <summary>
    /// Writes a case event in one entity group transaction (1 storage transaction): the event-id row (first: its 409 is
    /// the duplicate check), the case row (inserted, or replaced under its ETag), the open-case index row (upserted
    /// while open, deleted when the event closes the case), the order's case row, the order's timeline row, the order
    /// row's open-case ids (merged under its ETag, only when they change), the tasks it opens and the tasks it closes
    /// (<see cref="CaseWrite.ClosedTasks"/>: ids derived from the case, so closing needs no read; see
    /// <see cref="TaskStore.CloseAction"/>). A task already open, or one to close that does not exist, is left out and
    /// the rest sent again (+1 transaction each). 5 to 6 rows plus the tasks opened (at most 3) and closed (at most 4).
    /// </summary>
    /// <returns><see cref="EventWriteOutcome.Conflict"/> when the case or the order changed since read: read again.</returns>
    public async Task<EventWriteOutcome> ApplyAsync(CaseWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var c = write.Case;
        var shopId = c.ShopId;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, OrderStore.EventIdEntity(shopId, write.EventId, c.OrderId, write.EventType, write.ReceivedAt)),
            write.Current is { } current
                ? new(TableTransactionActionType.UpdateReplace, CaseEntity(c, write.ReceivedAt, current.SweepTaskId), OrderStore.Required(current.ETag, "the case"))
                : new(TableTransactionActionType.Add, CaseEntity(c, write.ReceivedAt, sweepTaskId: null)),
            new(TableTransactionActionType.UpsertReplace, SummaryEntity(c, OrderCaseRow(c.OrderId, c.CaseId), write.ReceivedAt)),
            new(TableTransactionActionType.Add, OrderStore.TimelineEntity(shopId, c.OrderId, write.EventId, write.EventType, write.ReceivedAt, write.Outcome)),
            new(TableTransactionActionType.UpsertReplace, SummaryEntity(c, OpenedTimeRow(c), write.ReceivedAt)),
        };
        if (write.Current?.OpenedIndexRow is { } formerTimeRow && formerTimeRow != OpenedTimeRow(c))
        {
            // The opening time was corrected: the row written under the old time exists (its key is on the case row).
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(shopId, formerTimeRow), ETag.All));
        }

        var wasOpen = write.Current is { Case.IsClosed: false };
        if (!c.IsClosed)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, SummaryEntity(c, OpenRowPrefix + c.CaseId, write.ReceivedAt)));
        }
        else if (wasOpen)
        {
            // The index row was written with the case in every earlier transaction, so it exists.
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(shopId, OpenRowPrefix + c.CaseId), ETag.All));
        }

        if (write.Order is { } order && OpenCasesAfter(order.Order.OpenCases, c) is { } openCases)
        {
            // Under the order's ETag: an order event replacing the row meanwhile (with the old ids) fails one of the two.
            actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, "o|" + c.OrderId)
            {
                [OrderStore.OpenCasesColumn] = OrderStore.OpenCasesValue(openCases) ?? "",
            }, OrderStore.Required(order.ETag, "the order")));
        }

        var firstTask = actions.Count;
        actions.AddRange(write.Tasks.Select(task => new TableTransactionAction(TableTransactionActionType.Add, TaskStore.ToEntity(task))));
        actions.AddRange(write.ClosedTasks.Select(closure => TaskStore.CloseAction(shopId, closure, write.ReceivedAt)));
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await OrderStore.SubmitSkippingOpenTasksAsync(table, actions, firstTask, cancellationToken).ConfigureAwait(false);
            return EventWriteOutcome.Applied;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
        {
            return EventWriteOutcome.Duplicate;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // The case was created or changed, or the order changed, since they were read.
            return EventWriteOutcome.Conflict;
        }
    }

    /// <summary>The order's open-case ids after the case's change, or null when they stay as they are.</summary>
    internal static IReadOnlyList<string>? OpenCasesAfter(IReadOnlyList<string> open, Case c)
    {
        var listed = open.Contains(c.CaseId, StringComparer.Ordinal);
        return (c.IsClosed, listed) switch
        {
            (false, false) => [.. open, c.CaseId],
            (true, true) => [.. open.Where(id => !string.Equals(id, c.CaseId, StringComparison.Ordinal))],
            _ => null,
        };
    }

    /// <summary>A case with its ETag, or null: one point read (1 storage transaction).</summary>
    public async Task<StoredCase?> GetAsync(string shopId, string caseId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, CaseRowPrefix + caseId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue
            ? new StoredCase(ReadCase(entity.Value!), entity.Value!.ETag)
            {
                OpenedIndexRow = entity.Value!.GetString(OpenedIndexRowColumn),
                SweepTaskId = entity.Value!.GetString(SweepTaskColumn),
            }
            : null;
    }

    /// <summary>Whether an event id was applied (its <c>e|</c> row exists): one point read, for telling a repeated event from a refused one.</summary>
    public async Task<bool> EventSeenAsync(string shopId, string eventId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, "e|" + eventId, select: ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return entity.HasValue;
    }

    /// <summary>
    /// The shop's open cases (every status but closed), from the open-case index only: one single-partition range query
    /// over <c>ko|</c>, 1 storage transaction per 1,000 open cases (a page), whatever the number of closed cases.
    /// Each row is about 1 KB (no evidence), so 10,000 open cases are 10 transactions and about 10 MB read.
    /// </summary>
    public Task<IReadOnlyList<CaseSummary>> ListOpenAsync(string shopId, CancellationToken cancellationToken) =>
        ListSummariesAsync(shopId, OpenRowPrefix, cancellationToken);

    /// <summary>
    /// The cases opened from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), open or closed,
    /// from the opening-time index: one single-partition range query, 1 storage transaction per 1,000 cases (a page).
    /// </summary>
    public Task<IReadOnlyList<CaseSummary>> ListOpenedAsync(string shopId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ListSummariesAsync(shopId, OpenedTimeRowPrefix + Ticks(from), OpenedTimeRowPrefix + Ticks(to), cancellationToken);

    /// <summary>The order's cases, open or closed: one range query over <c>o|{orderId}|k|</c> (1 storage transaction).</summary>
    public Task<IReadOnlyList<CaseSummary>> ListForOrderAsync(string shopId, string orderId, CancellationToken cancellationToken) =>
        ListSummariesAsync(shopId, OrderCaseRow(orderId, ""), cancellationToken);

    /// <summary>
    /// Every case of the shop, closed ones included, from the case rows: a range query over <c>k|</c>, 1 storage
    /// transaction per 1,000 cases, and each row carries its evidence. For listing other statuses than open; the sweep
    /// uses <see cref="ListOpenAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<Case>> ListAllAsync(string shopId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var result = new List<Case>();
        await foreach (var entity in table.QueryAsync<TableEntity>(RangeFilter(shopId, CaseRowPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(ReadCase(entity));
        }

        return result;
    }

    // The prefixes end in '|'; '}' is the next character, so [prefix, prefix-with-'}') is exactly the prefix's rows.
    private Task<IReadOnlyList<CaseSummary>> ListSummariesAsync(string shopId, string prefix, CancellationToken cancellationToken) =>
        ListSummariesAsync(shopId, prefix, prefix[..^1] + "}", cancellationToken);

    /// <summary>The summary rows with keys in [<paramref name="low"/>, <paramref name="high"/>): one single-partition range query.</summary>
    private async Task<IReadOnlyList<CaseSummary>> ListSummariesAsync(string shopId, string low, string high, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {low} and RowKey lt {high}");
        var result = new List<CaseSummary>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(ReadSummary(entity));
        }

        return result;
    }

    // The prefixes end in '|'; '}' is the next character, so [prefix, prefix-with-'}') is exactly the prefix's rows.
    private static string RangeFilter(string shopId, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");

    internal static string OrderCaseRow(string orderId, string caseId) => $"o|{orderId}|k|{caseId}";

    internal static string OpenedTimeRow(Case c) => $"{OpenedTimeRowPrefix}{Ticks(c.OpenedAt)}|{c.CaseId}";

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    internal static TableEntity CaseEntity(Case c, DateTimeOffset now, string? sweepTaskId)
    {
        var entity = SummaryEntity(c, CaseRowPrefix + c.CaseId, now);
        entity[OpenedIndexRowColumn] = OpenedTimeRow(c);

        // The case row is replaced on every event: what the sweep recorded on it is carried over.
        EntityValues.Set(entity, SweepTaskColumn, sweepTaskId);
        EntityValues.Set(entity, "RejectionReason", c.RejectionReason);
        if (c.ReturnTracking is { } tracking)
        {
            entity["ReturnTracking"] = JsonSerializer.Serialize(tracking, StoreJsonContext.Default.ReturnTracking);
        }

        var evidence = JsonSerializer.Serialize(c.Evidence.ToList(), StoreJsonContext.Default.ListCaseEvidence);
        for (var i = 0; i * ChunkLength < evidence.Length; i++)
        {
            entity[EvidenceColumn(i)] = evidence.Substring(i * ChunkLength, Math.Min(ChunkLength, evidence.Length - (i * ChunkLength)));
        }

        return entity;
    }

    private static string EvidenceColumn(int i) => i == 0 ? "Evidence" : "Evidence" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The columns listing needs: every field but the evidence and the return parcel.</summary>
    internal static TableEntity SummaryEntity(Case c, string rowKey, DateTimeOffset now)
    {
        var entity = new TableEntity(c.ShopId, rowKey)
        {
            ["CaseId"] = c.CaseId,
            ["OrderId"] = c.OrderId,
            ["Kind"] = CaseNames.Name(c.Kind),
            ["Status"] = CaseNames.Name(c.Status),
            ["OpenedAt"] = EntityValues.Checked(c.OpenedAt, "OpenedAt"),
            ["StatusChangedAt"] = EntityValues.Checked(c.StatusChangedAt, "StatusChangedAt"),
            ["Escalated"] = c.Escalated,
            ["HasPhotos"] = c.HasPhotos,
            ["EvidenceCount"] = c.Evidence.Count,
            ["UpdatedAt"] = EntityValues.Checked(now, "UpdatedAt"),
        };
        EntityValues.Set(entity, "Reason", c.Reason is { } reason ? CaseNames.Name(reason) : null);
        EntityValues.Set(entity, "ReasonText", c.ReasonText);
        EntityValues.Set(entity, "Amount", c.Amount?.ToString(CultureInfo.InvariantCulture));
        EntityValues.Set(entity, "Currency", c.Currency);
        EntityValues.Set(entity, "RespondedAt", c.RespondedAt);
        EntityValues.Set(entity, "ReceivedAt", c.ReceivedAt);
        EntityValues.Set(entity, "ResolvedAt", c.ResolvedAt);
        EntityValues.Set(entity, "RefundedAt", c.RefundedAt);
        EntityValues.Set(entity, "ReturnDeadline", c.ReturnDeadline);
        return entity;
    }

    private static CaseSummary ReadSummary(TableEntity entity) =>
        new(ReadCore(entity, evidence: []), entity.GetBoolean("HasPhotos") ?? false, entity.GetInt32("EvidenceCount") ?? 0);

    internal static Case ReadCase(TableEntity entity)
    {
        var json = new StringBuilder();
        for (var i = 0; entity.GetString(EvidenceColumn(i)) is { } chunk; i++)
        {
            json.Append(chunk);
        }

        var evidence = json.Length > 0 ? JsonSerializer.Deserialize(json.ToString(), StoreJsonContext.Default.ListCaseEvidence) ?? [] : [];
        return ReadCore(entity, evidence) with
        {
            RejectionReason = entity.GetString("RejectionReason"),
            ReturnTracking = entity.GetString("ReturnTracking") is { } tracking
                ? JsonSerializer.Deserialize(tracking, StoreJsonContext.Default.ReturnTracking)
                : null,
        };
    }

    private static Case ReadCore(TableEntity entity, IReadOnlyList<CaseEvidence> evidence) =>
        new(
            entity.PartitionKey,
            entity.GetString("CaseId")!,
            entity.GetString("OrderId")!,
            Parse<CaseKind>(entity.GetString("Kind")),
            Parse<CaseStatus>(entity.GetString("Status")),
            entity.GetString("Reason") is { } reason ? Parse<CaseReason>(reason) : null,
            RejectionReason: null,
            entity.GetString("Amount") is { } amount ? decimal.Parse(amount, CultureInfo.InvariantCulture) : null,
            entity.GetString("Currency"),
            entity.GetDateTimeOffset("OpenedAt") ?? default,
            entity.GetBoolean("Escalated") ?? false,
            ReturnTracking: null,
            evidence)
        {
            StatusChangedAt = entity.GetDateTimeOffset("StatusChangedAt") ?? default,
            ReasonText = entity.GetString("ReasonText"),
            RespondedAt = entity.GetDateTimeOffset("RespondedAt"),
            ReceivedAt = entity.GetDateTimeOffset("ReceivedAt"),
            ResolvedAt = entity.GetDateTimeOffset("ResolvedAt"),
            RefundedAt = entity.GetDateTimeOffset("RefundedAt"),
            ReturnDeadline = entity.GetDateTimeOffset("ReturnDeadline"),
        };

    private static T Parse<T>(string? name)
        where T : struct, Enum =>
        CaseNames.TryParse<T>(name, out var value) ? value : throw new InvalidOperationException($"Stored case value '{name}' is not a {typeof(T).Name}.");
}
