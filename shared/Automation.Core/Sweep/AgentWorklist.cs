using Automation.Core.Tasks;

namespace Automation.Core.Sweep;

/// <summary>One agent's tasks after a sweep, most urgent first: what <see cref="Agents.AgentDigest"/> turns into the message they get.</summary>
public sealed record AgentWorklist(string AgentId, IReadOnlyList<AgentTask> Tasks);

/// <summary>Groups tasks per agent in the order an agent should work them.</summary>
public static class AgentWorklists
{
    /// <summary>
    /// Each agent's tasks from a sweep's assignment, in rank order (score, due time, id), carried-over tasks included:
    /// the morning message lists everything the agent should clear by the deadline. Agents by id; none without tasks.
    /// </summary>
    public static IReadOnlyList<AgentWorklist> From(SweepAssignment assignment, string shopId, DateTimeOffset dueIfNone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.Assigned
            .GroupBy(a => a.AgentId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgentWorklist(
                g.Key,
                g.Select(a => a.Ranked)
                    .Order(BacklogRanking.Order)
                    .Select(r => BacklogRanking.ToTask(r, shopId, dueIfNone, now) with { AssignedTo = g.Key })
                    .ToList()))
            .ToList();
    }

    /// <summary>
    /// Each agent's open tasks in the order the task API lists them (priority, then due time, then id), for lists sent
    /// during the day, when no scores are at hand. Unassigned tasks are left out.
    /// </summary>
    public static IReadOnlyList<AgentWorklist> ForOpenTasks(IEnumerable<AgentTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks
            .Where(t => t is { State: AgentTaskState.Open, AssignedTo: not null })
            .GroupBy(t => t.AssignedTo!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgentWorklist(g.Key, InTaskOrder(g)))
            .ToList();
    }

    /// <summary>Priority (1 first), then due time, then task id (ordinal).</summary>
    public static IReadOnlyList<AgentTask> InTaskOrder(IEnumerable<AgentTask> tasks)
        => tasks.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();
}
