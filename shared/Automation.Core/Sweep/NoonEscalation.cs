using System.Globalization;
using Automation.Core.Tasks;
using Automation.Core.Time;

namespace Automation.Core.Sweep;

/// <summary>A task handed to a supervisor at the deadline; <see cref="EscalatedTask"/> is the task as stored afterwards.</summary>
public sealed record TaskEscalation(AgentTask Task, string SupervisorId, string Reason)
{
    public AgentTask EscalatedTask => Task with { State = AgentTaskState.Escalated };
}

/// <summary>An open task no supervisor could take, with the reason (report it: the team has no escalation path).</summary>
public sealed record StuckTask(AgentTask Task, string Reason);

/// <summary>The deadline's escalations and the open tasks nobody could be given, both in task order.</summary>
public sealed record EscalationResult(IReadOnlyList<TaskEscalation> Escalations, IReadOnlyList<StuckTask> NotEscalated);

/// <summary>
/// At the sweep's deadline, every task still open goes to a supervisor, once: done tasks and tasks already escalated are
/// left alone, so running it again escalates nothing new. Tasks go in order of priority, due time and id, each to the
/// least-loaded active supervisor (open tasks + escalations of this run; ties by id) other than the task's own assignee.
/// Capacity is not enforced here: an escalation that waits for room defeats its purpose, so the load only spreads it.
/// </summary>
public static class NoonEscalation
{
    public static EscalationResult Escalate(IEnumerable<AgentTask> tasks, IEnumerable<SweepAgent> agents, DateTimeOffset deadline, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(agents);
        var supervisors = agents
            .Where(a => a.Active && a.Has(SweepRole.Supervisor))
            .DistinctBy(a => a.Id, StringComparer.Ordinal)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var load = supervisors.ToDictionary(s => s.Id, s => Math.Max(0, s.OpenTasks), StringComparer.Ordinal);
        var deadlineText = ZonedTime.ToLocal(deadline, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

        var escalations = new List<TaskEscalation>();
        var stuck = new List<StuckTask>();
        foreach (var task in AgentWorklists.InTaskOrder(tasks.Where(t => t.State == AgentTaskState.Open).DistinctBy(t => t.TaskId, StringComparer.Ordinal)))
        {
            SweepAgent? chosen = null;
            foreach (var supervisor in supervisors)
            {
                // The assignee escalating to themselves changes nothing: another supervisor must look.
                if (supervisor.Id != task.AssignedTo && (chosen is null || load[supervisor.Id] < load[chosen.Id]))
                {
                    chosen = supervisor;
                }
            }

            if (chosen is null)
            {
                stuck.Add(new StuckTask(task, supervisors.Count == 0
                    ? "no active supervisor"
                    : $"no active supervisor other than the assignee {task.AssignedTo}"));
                continue;
            }

            load[chosen.Id]++;
            escalations.Add(new TaskEscalation(task, chosen.Id, Reason(task, deadline, deadlineText)));
        }

        return new EscalationResult(escalations, stuck);
    }

    private static string Reason(AgentTask task, DateTimeOffset deadline, string deadlineText)
    {
        var parts = new List<string>
        {
            $"still open at the {deadlineText} deadline",
            task.AssignedTo is { } agent ? $"assigned to {agent}" : "never assigned",
            string.Create(CultureInfo.InvariantCulture, $"priority {task.Priority}"),
        };
        if (task.DueAt < deadline)
        {
            parts.Add($"overdue by {BacklogRanking.Duration((deadline - task.DueAt).Ticks / TimeSpan.TicksPerMinute)}");
        }

        return string.Join("; ", parts);
    }
}
