using Automation.Core.Orders;
using Automation.Core.Tasks;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Tasks;

/// <summary>
/// A shop's task list, most urgent first (priority, then due time). A shop key sees every task (optionally one
/// agent's); an agent key sees only the tasks assigned to its agent, and asking for another agent's is refused.
/// </summary>
internal sealed class TaskFunctions(TaskStore tasks, ApiKeyAuthentication access)
{
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
    string? Resolution)
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
        task.Resolution)
    {
        Score = task.Score,
        WhyNow = task.WhyNow,
        EscalatedTo = task.EscalatedTo,
    };
}
