using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using Automation.Core;
using Automation.Core.Orders;
using Automation.Core.Security;
using Automation.Core.Tasks;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Features.Tasks;

/// <summary>
/// A shop's task list, most urgent first (priority, then due time). A shop key sees every task (optionally one
/// agent's); an agent key sees only the tasks assigned to its agent, and asking for another agent's is refused.
/// Tasks are closed with a resolution (<c>CompleteTask</c>), and night-shift notes become tasks (<c>Handover</c>).
/// </summary>
internal sealed partial class TaskFunctions(
    TaskStore tasks,
    ShopSettingsCache shops,
    ApiKeyAuthentication access,
    TimeProvider time,
    ILogger<TaskFunctions> logger)
{
    /// <summary>A resolution or a note is a few lines; the limit leaves room for JSON escaping of non-ASCII text.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Task ids are built from ids of at most 128 characters each; anything longer is no task of ours.</summary>
    private const int MaxTaskIdLength = 512;

    [Function(nameof(Tasks))]
    public async Task<IResult> Tasks(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/tasks")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (await access.AuthenticateAsync(request, shopId, cancellationToken) is not { } grant)
        {
            return ApiKeyAuthentication.Unauthenticated(request);
        }

        if (!TryParseState(request.Query["state"], out var wanted))
        {
            return ApiProblems.Invalid("state", "Must be open, done or escalated (or left out for all).");
        }

        string? agent = request.Query["agent"];
        if (agent is not null && !OrderEventValidator.IsValidId(agent))
        {
            return ApiProblems.Invalid("agent", "An agent id is 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.");
        }

        if (!grant.IsShopWide)
        {
            if (agent is not null && !grant.MaySeeTasksOf(agent))
            {
                return ApiProblems.Status(StatusCodes.Status403Forbidden, "Another agent's tasks", "An agent key lists only its own agent's tasks.");
            }

            agent = grant.AgentId;
        }

        var list = await tasks.ListAsync(shopId, wanted, agent, cancellationToken);
        return TypedResults.Ok(new TaskList(list.Select(TaskView.From).ToList()));
    }

    /// <summary>
    /// Marks an open or escalated task done: 1 read and 1 write conditional on the read's ETag. An agent key closes
    /// only tasks assigned to its agent (403); an unknown task is 404 (a shop key of another shop never gets this far:
    /// 401). Closing a done task again with the same resolution by the same closer answers 200 with the task as it is,
    /// so a retried request succeeds; a different resolution or closer answers 409, and so does a task changed between
    /// the read and the write.
    /// </summary>
    [Function(nameof(CompleteTask))]
    public async Task<IResult> CompleteTask(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "shops/{shopId}/tasks/{taskId}/done")] HttpRequest request,
        string shopId,
        string taskId,
        CancellationToken cancellationToken)
    {
        var input = await ReadWriteAsync(request, shopId, ApiJsonContext.Default.TaskDoneInput, TaskDone.Validate, cancellationToken);
        if (!input.IsValid)
        {
            return input.Problem;
        }

        var (grant, resolution) = (input.Grant, input.Value.Resolution);
        var stored = IsPlausibleTaskId(taskId) ? await tasks.GetForUpdateAsync(shopId, taskId, cancellationToken) : null;
        if (stored is null)
        {
            return UnknownTask(taskId);
        }

        var task = stored.Task;
        if (!grant.IsShopWide && !string.Equals(task.AssignedTo, grant.AgentId, StringComparison.Ordinal))
        {
            return ApiProblems.Status(StatusCodes.Status403Forbidden, "Another agent's task", "An agent key closes only tasks assigned to its own agent.");
        }

        var doneBy = grant.IsShopWide ? TaskClosers.Ops : grant.AgentId!;
        if (task.State == AgentTaskState.Done)
        {
            return task.Resolution == resolution && task.DoneBy == doneBy
                ? TypedResults.Ok(TaskView.From(task))
                : ApiProblems.Status(StatusCodes.Status409Conflict, "Task already done", $"Task '{taskId}' was marked done by {task.DoneBy ?? "someone"} with another resolution.");
        }

        var now = time.GetUtcNow();
        if (!await tasks.TryMarkDoneAsync(stored, resolution, doneBy, now, cancellationToken))
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Task changed", $"Task '{taskId}' was changed by another request meanwhile; read it again.");
        }

        LogTaskDone(logger, shopId, taskId, doneBy);
        return TypedResults.Ok(TaskView.From(task with { State = AgentTaskState.Done, Resolution = resolution, DoneAt = now, DoneBy = doneBy }));
    }

    /// <summary>
    /// Stores a night-shift note as an open, unassigned task for the next morning sweep (see <see cref="HandoverNotes"/>
    /// for its id): 1 insert, whose conflict is the duplicate check. 201 with the task when new; a repeat of the same
    /// note answers 200 with the stored task (1 more read), and another note under an id already used answers 409.
    /// A shop key writes as "ops", an agent key as its agent.
    /// </summary>
    [Function(nameof(Handover))]
    public async Task<IResult> Handover(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "shops/{shopId}/handover")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        var input = await ReadWriteAsync(request, shopId, ApiJsonContext.Default.HandoverInput, HandoverNotes.Validate, cancellationToken);
        if (!input.IsValid)
        {
            return input.Problem;
        }

        var (grant, note) = (input.Grant, input.Value);
        if (await shops.GetAsync(shopId, cancellationToken) is not { } shop)
        {
            return ApiProblems.UnknownShop(shopId);
        }

        var now = time.GetUtcNow();
        var author = grant.IsShopWide ? TaskClosers.Ops : grant.AgentId!;
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, shop.TimeZone).DateTime);
        var noteId = HandoverNotes.NoteId(note, author, localDay);
        var task = HandoverNotes.ToTask(shopId, note, noteId, author, now);
        if (await tasks.OpenAsync(task, cancellationToken))
        {
            LogHandoverOpened(logger, shopId, task.TaskId);
            return TypedResults.Created($"/api/shops/{shopId}/tasks?state=open", TaskView.From(task));
        }

        var existing = await tasks.GetAsync(shopId, task.TaskId, cancellationToken);
        return existing is not null && HandoverNotes.IsSameNote(existing, task)
            ? TypedResults.Ok(TaskView.From(existing))
            : ApiProblems.Status(StatusCodes.Status409Conflict, "Handover id in use", $"The id '{note.Id}' names another note already; send a new id.");
    }

    private static bool IsPlausibleTaskId(string taskId) =>
        taskId.Length is > 0 and <= MaxTaskIdLength && !taskId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');

    private static ProblemHttpResult UnknownTask(string taskId) =>
        ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown task", $"This shop has no task '{taskId}'.");

    /// <summary>
    /// What every write starts with: who calls (401 without a key of the shop), then the JSON body read and validated
    /// (415, 413, 400 naming the field), in that order so that nobody learns about the input without a key.
    /// </summary>
    private async Task<WriteInput<T>> ReadWriteAsync<TBody, T>(
        HttpRequest request, string shopId, JsonTypeInfo<TBody> typeInfo, Func<TBody?, ValidationResult<T>> validate, CancellationToken cancellationToken)
        where T : class
    {
        if (await access.AuthenticateAsync(request, shopId, cancellationToken) is not { } grant)
        {
            return new(null, null, ApiKeyAuthentication.Unauthenticated(request));
        }

        var body = await ReadBodyAsync(request, typeInfo, cancellationToken);
        if (body.Problem is { } problem)
        {
            return new(null, null, problem);
        }

        var validated = validate(body.Value);
        return validated.IsValid ? new(grant, validated.Value, null) : new(null, null, ApiProblems.Invalid(validated.Errors));
    }

    /// <summary>A write's caller and validated input, or the problem to answer instead.</summary>
    private sealed record WriteInput<T>(ApiKeyGrant? Grant, T? Value, IResult? Problem)
        where T : class
    {
        [MemberNotNullWhen(true, nameof(Grant), nameof(Value))]
        [MemberNotNullWhen(false, nameof(Problem))]
        public bool IsValid => Problem is null;
    }

    /// <summary>The JSON body within <see cref="MaxBodyBytes"/>, or the problem to answer (415, 413, 400 naming the field).</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsJson(request.ContentType))
        {
            return (default, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        var body = await JsonBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (default, ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body is limited to {MaxBodyBytes / 1024} KiB."));
        }

        return JsonBody.TryDeserialize(body, typeInfo, out var value, out var jsonError)
            ? (value, null)
            : (default, ApiProblems.Invalid(jsonError.Key, jsonError.Value[0]));
    }

    private static bool TryParseState(string? text, out AgentTaskState? state)
    {
        state = text switch
        {
            "open" => AgentTaskState.Open,
            "done" => AgentTaskState.Done,
            "escalated" => AgentTaskState.Escalated,
            _ => null,
        };
        return text is null || state is not null;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Task {TaskId} of shop {ShopId} marked done by {DoneBy}")]
    private static partial void LogTaskDone(ILogger logger, string shopId, string taskId, string doneBy);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Handover note {TaskId} of shop {ShopId} stored for the next sweep")]
    private static partial void LogHandoverOpened(ILogger logger, string shopId, string taskId);
}

internal sealed record TaskList(IReadOnlyList<TaskView> Tasks);

internal sealed record TaskView(
    string TaskId,
    string Kind,
    string? OrderId,
    string? CaseId,
    string? ReviewId,
    int Priority,
    DateTimeOffset DueAt,
    string State,
    IReadOnlyList<TaskEvidence> Evidence,
    DateTimeOffset CreatedAt,
    string? AssignedTo,
    string? Resolution,
    DateTimeOffset? DoneAt,
    string? DoneBy)
{
    /// <summary>The morning sweep's score (higher first) and why, once a sweep ranked the task.</summary>
    public int? Score { get; init; }

    public string? WhyNow { get; init; }

    public string? EscalatedTo { get; init; }

    public static TaskView From(AgentTask task) => new(
        task.TaskId,
        task.Kind,
        task.OrderId,
        task.CaseId,
        task.ReviewId,
        task.Priority,
        task.DueAt,
        task.State.ToString().ToLowerInvariant(),
        task.Evidence,
        task.CreatedAt,
        task.AssignedTo,
        task.Resolution,
        task.DoneAt,
        task.DoneBy)
    {
        Score = task.Score,
        WhyNow = task.WhyNow,
        EscalatedTo = task.EscalatedTo,
    };
}
