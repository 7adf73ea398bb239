using Automation.Core.Sweep;
using Automation.Core.Tasks;
using static Automation.Core.Tests.Support.Zones;
using static Automation.Core.Tests.Sweep.SweepItems;

namespace Automation.Core.Tests.Sweep;

public class NoonEscalationTests
{
    private static readonly DateTimeOffset Noon = At("2026-11-30T04:00:00Z"); // 12:00 in Shanghai
    private static readonly SweepRole[] Supervisor = [SweepRole.Supervisor];

    private static AgentTask Task(string id, int priority = 2, string? assignedTo = "ann", AgentTaskState state = AgentTaskState.Open, DateTimeOffset? due = null)
        => new(id, "shop-1", "test", "o-" + id, null, null, priority, due ?? Noon.AddHours(5), state, [], Now) { AssignedTo = assignedTo };

    [Fact]
    public void Escalate_OpenTasks_GoToLeastLoadedSupervisorInTaskOrder()
    {
        var tasks = new[] { Task("t3", priority: 3), Task("t1", priority: 1), Task("t2", priority: 1, due: Noon.AddHours(-2)) };
        var agents = new[] { Agent("sue", open: 1, roles: Supervisor), Agent("max", open: 2, roles: Supervisor), Agent("ann") };

        var result = Escalate(tasks, agents);

        Assert.Equal([("t2", "sue"), ("t1", "max"), ("t3", "sue")], result.Escalations.Select(e => (e.Task.TaskId, e.SupervisorId)));
        Assert.Equal("still open at the 12:00 deadline; assigned to ann; priority 1; overdue by 2h", result.Escalations[0].Reason);
        Assert.Equal("still open at the 12:00 deadline; assigned to ann; priority 1", result.Escalations[1].Reason);
        Assert.All(result.Escalations, e => Assert.Equal(AgentTaskState.Escalated, e.EscalatedTask.State));
        Assert.Empty(result.NotEscalated);
    }

    [Fact]
    public void Escalate_DoneOrAlreadyEscalatedTasks_AreLeftAlone()
    {
        var tasks = new[] { Task("done", state: AgentTaskState.Done), Task("esc", state: AgentTaskState.Escalated), Task("open"), Task("open") };

        var result = Escalate(tasks, [Agent("sue", roles: Supervisor)]);

        Assert.Equal("open", Assert.Single(result.Escalations).Task.TaskId);
    }

    [Fact]
    public void Escalate_TwiceOnItsOwnOutput_EscalatesNothingNew()
    {
        var agents = new[] { Agent("sue", roles: Supervisor) };
        var first = Escalate([Task("a"), Task("b")], agents);

        var second = Escalate(first.Escalations.Select(e => e.EscalatedTask), agents);

        Assert.Equal(2, first.Escalations.Count);
        Assert.Empty(second.Escalations);
        Assert.Empty(second.NotEscalated);
    }

    [Fact]
    public void Escalate_NoActiveSupervisor_ReportsEveryOpenTask()
    {
        var result = Escalate([Task("a"), Task("b", assignedTo: null)], [Agent("ann"), Agent("sue", active: false, roles: Supervisor)]);

        Assert.Empty(result.Escalations);
        Assert.Equal(["no active supervisor", "no active supervisor"], result.NotEscalated.Select(s => s.Reason));
    }

    [Fact]
    public void Escalate_TaskOfTheOnlySupervisor_IsNotEscalatedToThemselves()
    {
        var result = Escalate([Task("a", assignedTo: "sue"), Task("b", assignedTo: null)], [Agent("sue", roles: Supervisor)]);

        Assert.Equal("no active supervisor other than the assignee sue", Assert.Single(result.NotEscalated).Reason);
        var escalation = Assert.Single(result.Escalations);
        Assert.Equal(("b", "sue"), (escalation.Task.TaskId, escalation.SupervisorId));
        Assert.Contains("never assigned", escalation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalate_SupervisorsTask_GoesToAnotherSupervisor()
    {
        var result = Escalate([Task("a", assignedTo: "sue")], [Agent("sue", roles: Supervisor), Agent("max", open: 9, roles: Supervisor)]);

        Assert.Equal("max", Assert.Single(result.Escalations).SupervisorId);
    }

    [Fact]
    public void Escalate_NewYorkDeadline_IsShownInLocalTime()
    {
        var deadline = At("2026-11-30T17:00:00Z"); // 12:00 EST

        var result = NoonEscalation.Escalate([Task("a")], [Agent("sue", roles: Supervisor)], deadline, NewYork);

        Assert.StartsWith("still open at the 12:00 deadline", Assert.Single(result.Escalations).Reason, StringComparison.Ordinal);
    }

    private static EscalationResult Escalate(IEnumerable<AgentTask> tasks, IEnumerable<SweepAgent> agents)
        => NoonEscalation.Escalate(tasks, agents, Noon, Shanghai);
}
