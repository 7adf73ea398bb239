using System.Globalization;
using System.Text.Json;
using Automation.Core.Sweep;
using Automation.Core.Tasks;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>What a sweep merges into a task that exists: who has it, how urgent it is and why (a case's task: also its due time and evidence).</summary>
public sealed record SweptTaskWrite(string TaskId, string? AssignedTo, int Priority, int Score, string WhyNow)
{
    public DateTimeOffset? DueAt { get; init; }

    public IReadOnlyList<TaskEvidence>? Evidence { get; init; }
}

/// <summary>
/// Agents' tasks, in the shop's partition of the Orders table (row <c>t|{taskId}</c>), so that an event and the tasks
/// it opens are one entity group transaction, and a shop's tasks are one range of its partition. The id is
/// deterministic and its insert is the duplicate check: a task is never opened twice.
/// </summary>
public sealed class TaskStore(StoreTables tables)
{
    internal const string RowPrefix = "t|";

    /// <summary>Opens a task unless it exists: 1 transaction. False when it was already open (or done).</summary>
    public async Task<bool> OpenAsync(AgentTask task, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(ToEntity(task), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>One task, or null: one point read (1 transaction).</summary>
    public async Task<AgentTask?> GetAsync(string shopId, string taskId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, RowPrefix + taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <summary>
    /// A shop's tasks, optionally only those in a state or assigned to an agent: one range query over the shop's task
    /// rows (1 transaction per 1,000 tasks; the filters run in the service), ordered by priority, then due time.
    /// </summary>
    public async Task<IReadOnlyList<AgentTask>> ListAsync(string shopId, AgentTaskState? state, string? assignedTo, CancellationToken cancellationToken)
    {
        var filter = TaskRows(shopId);
        if (state is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"State eq {wanted.ToString()}");
        }

        if (assignedTo is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"AssignedTo eq {assignedTo}");
        }

        return AgentWorklists.InTaskOrder((await QueryAsync(filter, cancellationToken).ConfigureAwait(false)).Select(e => e.Task));
    }

    /// <summary>
    /// The tasks a sweep day's noon escalation handed to supervisors and that are still escalated (not done or reopened
    /// since): one range query over the shop's task rows (1 transaction per 1,000 tasks; the filters run in the
    /// service), in task order (<see cref="AgentWorklists.InTaskOrder"/>).
    /// </summary>
    public async Task<IReadOnlyList<AgentTask>> ListEscalatedAsync(string shopId, DateOnly sweepDay, CancellationToken cancellationToken)
    {
        var filter = TaskRows(shopId) + " and " + TableClient.CreateQueryFilter($"State eq {nameof(AgentTaskState.Escalated)} and EscalatedOn eq {DayText(sweepDay)}");
        return AgentWorklists.InTaskOrder((await QueryAsync(filter, cancellationToken).ConfigureAwait(false)).Select(e => e.Task));
    }

    private static string TaskRows(string shopId) => TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {RowPrefix} and RowKey lt {"t}"}");

    private async Task<List<StoredTask>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var tasks = new List<StoredTask>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(new StoredTask(FromEntity(entity), entity.ETag));
        }

        return tasks;
    }

    /// <summary>One task with its ETag, for a conditional change (<see cref="TryMarkDoneAsync"/>): one point read.</summary>
    public async Task<StoredTask?> GetForUpdateAsync(string shopId, string taskId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, RowPrefix + taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? new StoredTask(FromEntity(entity.Value!), entity.Value!.ETag) : null;
    }

    /// <summary>
    /// Marks the task done with its resolution, if it is still as it was read: one merge under the read's ETag
    /// (1 transaction). False when it changed or was deleted since (another close, an escalation, an assignment), so
    /// the caller answers from what it read, never over a change it did not see.
    /// </summary>
    public async Task<bool> TryMarkDoneAsync(StoredTask stored, string resolution, string doneBy, DateTimeOffset doneAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var task = stored.Task;
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var change = new TableEntity(task.ShopId, RowPrefix + task.TaskId)
        {
            ["State"] = nameof(AgentTaskState.Done),
            ["Resolution"] = resolution,
            ["DoneBy"] = doneBy,
            ["DoneAt"] = EntityValues.Checked(doneAt, "DoneAt"),
        };
        try
        {
            await table.UpdateEntityAsync(change, stored.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    internal static TableEntity ToEntity(AgentTask task)
    {
        var entity = new TableEntity(task.ShopId, RowPrefix + task.TaskId)
        {
            ["TaskId"] = task.TaskId,
            ["Kind"] = task.Kind,
            ["Priority"] = task.Priority,
            ["DueAt"] = EntityValues.Checked(task.DueAt, "DueAt"),
            ["State"] = task.State.ToString(),
            ["Evidence"] = JsonSerializer.Serialize(task.Evidence.ToList(), StoreJsonContext.Default.ListTaskEvidence),
            ["CreatedAt"] = EntityValues.Checked(task.CreatedAt, "CreatedAt"),
        };
        EntityValues.Set(entity, "OrderId", task.OrderId);
        EntityValues.Set(entity, "CaseId", task.CaseId);
        EntityValues.Set(entity, "ReviewId", task.ReviewId);
        EntityValues.Set(entity, "AssignedTo", task.AssignedTo);
        EntityValues.Set(entity, "Resolution", task.Resolution);
        EntityValues.Set(entity, "WhyNow", task.WhyNow);
        if (task.Score is { } score)
        {
            entity["Score"] = score;
        }
        EntityValues.Set(entity, "DoneAt", task.DoneAt);
        EntityValues.Set(entity, "DoneBy", task.DoneBy);

        return entity;
    }

    internal static AgentTask FromEntity(TableEntity entity) => new(
        entity.GetString("TaskId") ?? entity.RowKey[RowPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Kind") ?? "",
        entity.GetString("OrderId"),
        entity.GetString("CaseId"),
        entity.GetString("ReviewId"),
        entity.GetInt32("Priority") ?? 5,
        entity.GetDateTimeOffset("DueAt") ?? default,
        Enum.Parse<AgentTaskState>(entity.GetString("State") ?? nameof(AgentTaskState.Open)),
        entity.GetString("Evidence") is { } json ? JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListTaskEvidence) ?? [] : [],
        entity.GetDateTimeOffset("CreatedAt") ?? default)
    {
        // A merge cannot remove a property, so an unassigned task stores an empty assignee.
        AssignedTo = entity.GetString("AssignedTo") is { Length: > 0 } agent ? agent : null,
        Score = entity.GetInt32("Score"),
        WhyNow = entity.GetString("WhyNow"),
        EscalatedTo = entity.GetString("EscalatedTo"),
        EscalationReason = entity.GetString("EscalationReason"),
        EscalatedOn = entity.GetString("EscalatedOn") is { } day ? DateOnly.ParseExact(day, DayFormat, CultureInfo.InvariantCulture) : null,

        // A person's close wins over the product's (see CloseAction): both may be on the row.
        Resolution = entity.GetString("Resolution") ?? entity.GetString(ClosedBecauseColumn),
        DoneAt = entity.GetDateTimeOffset("DoneAt") ?? entity.GetDateTimeOffset(ClosedAtColumn),
        DoneBy = entity.GetString("DoneBy") ?? (entity.GetString(ClosedBecauseColumn) is null ? null : TaskClosers.Automation),
    };

    private const string ClosedBecauseColumn = "ClosedBecause";
    private const string ClosedAtColumn = "ClosedAt";

    /// <summary>
    /// Closes a task that no longer applies, inside the caller's entity group transaction and without reading it first:
    /// a merge of state done, with why and when in columns of their own (<c>ClosedBecause</c>, <c>ClosedAt</c>). A task
    /// an agent closed meanwhile keeps the agent's resolution, time and name (they are read first), so closing
    /// unconditionally never overwrites a person's work; an escalated task is done too, since its work is gone.
    /// The task must exist (the merge fails with 404 otherwise; <see cref="OrderStore.SubmitSkippingOpenTasksAsync(TableClient, List{TableTransactionAction}, int, CancellationToken)"/> leaves it out).
    /// </summary>
    internal static TableTransactionAction CloseAction(string shopId, TaskClosure closure, DateTimeOffset now) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, RowPrefix + closure.TaskId)
        {
            ["State"] = nameof(AgentTaskState.Done),
            [ClosedBecauseColumn] = closure.Resolution,
            [ClosedAtColumn] = EntityValues.Checked(now, ClosedAtColumn),
        }, ETag.All);

    /// <summary>
    /// Writes a morning sweep's outcome in the shop's partition, in entity group transactions of up to 100 rows
    /// (1 transaction per 100 rows): new tasks are inserted (one that exists already, from an earlier run or another
    /// instance, is left as it is and its id returned), existing ones get their assignee, priority, score and reason
    /// merged in (a case's task also its due time and evidence), and case tasks no longer needed are closed
    /// (<see cref="CloseAction"/>). A merge touches nothing else, so a task an agent closed meanwhile stays closed.
    /// A new case task also records its id on the case row (<c>SweepTaskId</c>, one more row in the same transaction
    /// where the batch allows), so the case event that ends the case closes it without a query.
    /// </summary>
    /// <returns>The ids of the new tasks that existed already (done or escalated, since the sweep read the open ones).</returns>
    public async Task<IReadOnlyList<string>> ApplySweepAsync(
        string shopId, IReadOnlyList<AgentTask> newTasks, IReadOnlyList<SweptTaskWrite> updates, IReadOnlyList<TaskClosure> closures, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newTasks);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(closures);
        var actions = newTasks.SelectMany(task => NewTaskActions(shopId, task))
            .Concat(updates.Select(update => new TableTransactionAction(TableTransactionActionType.UpdateMerge, SweptEntity(shopId, update), ETag.All)))
            .Concat(closures.Select(closure => CloseAction(shopId, closure, now)))
            .ToList();
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var existed = new List<string>();
        foreach (var batch in actions.Chunk(MaxBatch))
        {
            var rows = await OrderStore.SubmitSkippingOpenTasksAsync(table, [.. batch], 0, cancellationToken).ConfigureAwait(false);
            existed.AddRange(rows.Select(row => row[RowPrefix.Length..]));
        }

        return existed;
    }

    private static IEnumerable<TableTransactionAction> NewTaskActions(string shopId, AgentTask task)
    {
        yield return new(TableTransactionActionType.Add, ToEntity(task));
        if (task.Kind == SweepTaskKinds.AfterSaleCase && task.CaseId is { } caseId)
        {
            // The case row exists: the sweep found the case in the open-case index, which is written with it.
            yield return new(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, CaseStore.CaseRowPrefix + caseId) { [CaseStore.SweepTaskColumn] = task.TaskId }, ETag.All);
        }
    }

    private static TableEntity SweptEntity(string shopId, SweptTaskWrite update)
    {
        var entity = new TableEntity(shopId, RowPrefix + update.TaskId)
        {
            ["AssignedTo"] = update.AssignedTo ?? "",
            ["Priority"] = update.Priority,
            ["Score"] = update.Score,
            ["WhyNow"] = update.WhyNow,
        };
        if (update.DueAt is { } dueAt)
        {
            entity["DueAt"] = EntityValues.Checked(dueAt, "DueAt");
        }

        if (update.Evidence is { } evidence)
        {
            entity["Evidence"] = JsonSerializer.Serialize(evidence.ToList(), StoreJsonContext.Default.ListTaskEvidence);
        }

        return entity;
    }

    /// <summary>
    /// Opens a case's task again for new work, when the stored one was closed or escalated for an earlier state of the
    /// case (<see cref="BacklogItems.IsNewWork"/>): 1 point read, and 1 replace under its ETag when it is new work.
    /// False when it is the same work (an agent's close stands), or the task changed meanwhile.
    /// </summary>
    public async Task<bool> TryReopenAsync(AgentTask fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        if (await GetForUpdateAsync(fresh.ShopId, fresh.TaskId, cancellationToken).ConfigureAwait(false) is not { } stored
            || !BacklogItems.IsNewWork(stored.Task, fresh))
        {
            return false;
        }

        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            // Replace, not merge: the earlier close's resolution, closer and escalation belong to the earlier work.
            await table.UpdateEntityAsync(ToEntity(fresh), stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// A shop's tasks in one state with their ETags, for conditional changes (the noon escalation): one range query
    /// (1 transaction per 1,000 tasks), in no particular order.
    /// </summary>
    public async Task<IReadOnlyList<StoredTask>> ListForUpdateAsync(string shopId, AgentTaskState state, CancellationToken cancellationToken) =>
        await QueryAsync(TaskRows(shopId) + " and " + TableClient.CreateQueryFilter($"State eq {state.ToString()}"), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Escalates tasks to supervisors (the noon escalation of <paramref name="sweepDay"/>): state escalated, who it went
    /// to, why and for which sweep day (<c>EscalatedOn</c>, so that a later run of the day finds the supervisor's list
    /// with <see cref="ListEscalatedAsync"/>), merged in
    /// transactions of up to 100 tasks, each under the ETag it was read with, so a task marked done (or changed) in the
    /// same moment is never marked escalated over it. A task that changed is read again (1 point read): still open, it
    /// is tried once more under its new ETag; done, escalated or gone, it is left out. Each such task costs the batch
    /// one more transaction.
    /// </summary>
    /// <returns>The ids of the tasks escalated.</returns>
    public async Task<IReadOnlyList<string>> EscalateAsync(
        string shopId, DateOnly sweepDay, IReadOnlyList<(StoredTask Task, string SupervisorId, string Reason)> escalations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalations);
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var escalated = new List<string>();
        foreach (var batch in escalations.Chunk(MaxBatch))
        {
            var pending = batch.ToList();
            var reread = new HashSet<string>(StringComparer.Ordinal);
            while (pending.Count > 0)
            {
                try
                {
                    await table.SubmitTransactionAsync([.. pending.Select(e => EscalateAction(shopId, sweepDay, e.Task, e.SupervisorId, e.Reason))], cancellationToken).ConfigureAwait(false);
                    escalated.AddRange(pending.Select(e => e.Task.Task.TaskId));
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && e.FailedTransactionActionIndex is { } index && index < pending.Count)
                {
                    var changed = pending[index];
                    pending.RemoveAt(index);
                    var taskId = changed.Task.Task.TaskId;
                    if (e.Status == 412 && reread.Add(taskId)
                        && await GetForUpdateAsync(shopId, taskId, cancellationToken).ConfigureAwait(false) is { Task.State: AgentTaskState.Open } fresh)
                    {
                        pending.Insert(index, changed with { Task = fresh });
                    }
                }
            }
        }

        return escalated;
    }

    private static TableTransactionAction EscalateAction(string shopId, DateOnly sweepDay, StoredTask task, string supervisorId, string reason) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, RowPrefix + task.Task.TaskId)
        {
            ["State"] = nameof(AgentTaskState.Escalated),
            ["EscalatedTo"] = supervisorId,
            ["EscalationReason"] = reason,
            ["EscalatedOn"] = DayText(sweepDay),
        }, task.ETag);

    /// <summary>A sweep day as stored (<c>2026-11-30</c>): text, so that a filter compares it exactly.</summary>
    private const string DayFormat = "yyyy-MM-dd";

    private static string DayText(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The service's limit of actions in one entity group transaction.</summary>
    private const int MaxBatch = 100;
}

/// <summary>A task as read, with the ETag a conditional change is made under.</summary>
public sealed record StoredTask(AgentTask Task, ETag ETag);
