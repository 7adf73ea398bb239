using System.Text.Json;
using Automation.Core.Tasks;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>What a sweep merges into a task that exists: who has it, how urgent it is and why.</summary>
public sealed record SweptTaskWrite(string TaskId, string? AssignedTo, int Priority, int Score, string WhyNow);

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
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {RowPrefix} and RowKey lt {"t}"}");
        if (state is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"State eq {wanted.ToString()}");
        }

        if (assignedTo is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"AssignedTo eq {assignedTo}");
        }

        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var tasks = new List<AgentTask>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(FromEntity(entity));
        }

        return [.. tasks.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)];
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

    private static AgentTask FromEntity(TableEntity entity) => new(
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
        Resolution = entity.GetString("Resolution"),
        Score = entity.GetInt32("Score"),
        WhyNow = entity.GetString("WhyNow"),
        EscalatedTo = entity.GetString("EscalatedTo"),
        DoneAt = entity.GetDateTimeOffset("DoneAt"),
        DoneBy = entity.GetString("DoneBy"),
    };

    /// <summary>
    /// Writes a morning sweep's outcome in the shop's partition, in entity group transactions of up to 100 rows
    /// (1 transaction per 100 tasks): new tasks are inserted (one that exists already, from an earlier run or another
    /// instance, is left as it is), existing ones get their assignee, priority, score and reason merged in. A merge
    /// touches nothing else, so a task an agent closed meanwhile stays closed.
    /// </summary>
    public async Task ApplySweepAsync(string shopId, IReadOnlyList<AgentTask> newTasks, IReadOnlyList<SweptTaskWrite> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newTasks);
        ArgumentNullException.ThrowIfNull(updates);
        var actions = newTasks.Select(task => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(task)))
            .Concat(updates.Select(update => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, RowPrefix + update.TaskId)
            {
                ["AssignedTo"] = update.AssignedTo ?? "",
                ["Priority"] = update.Priority,
                ["Score"] = update.Score,
                ["WhyNow"] = update.WhyNow,
            }, ETag.All)))
            .ToList();
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        foreach (var batch in actions.Chunk(MaxBatch))
        {
            await OrderStore.SubmitSkippingOpenTasksAsync(table, [.. batch], 0, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Escalates tasks to supervisors (the noon escalation): state escalated, who it went to and why, merged in
    /// transactions of up to 100 tasks.
    /// </summary>
    public async Task EscalateAsync(string shopId, IReadOnlyList<(string TaskId, string SupervisorId, string Reason)> escalations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalations);
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        foreach (var batch in escalations.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(
                [.. batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(shopId, RowPrefix + e.TaskId)
                {
                    ["State"] = nameof(AgentTaskState.Escalated),
                    ["EscalatedTo"] = e.SupervisorId,
                    ["EscalationReason"] = e.Reason,
                }, ETag.All))],
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The service's limit of actions in one entity group transaction.</summary>
    private const int MaxBatch = 100;
}

/// <summary>A task as read, with the ETag a conditional change is made under.</summary>
public sealed record StoredTask(AgentTask Task, ETag ETag);
