using Automation.Core.Sweep;
using static Automation.Core.Tests.Sweep.SweepItems;

namespace Automation.Core.Tests.Sweep;

public class TaskAssignmentTests
{
    private static readonly SweepRole[] Complaints = [SweepRole.Complaints];
    private static readonly SweepRole[] Supervisor = [SweepRole.Supervisor];

    [Fact]
    public void Assign_LeastLoadedFirst_TiesByAgentId()
    {
        var items = Ranked(Item("1"), Item("2"), Item("3"), Item("4"));
        var agents = new[] { Agent("bob", open: 1), Agent("ann", open: 1), Agent("cai", open: 0) };

        var result = TaskAssignment.Assign(items, agents);

        // cai (0) takes the first; then all have 1: ann, bob, cai by id.
        Assert.Equal(["cai", "ann", "bob", "cai"], result.Assigned.Select(a => a.AgentId));
        Assert.Empty(result.Unassigned);
    }

    [Fact]
    public void Assign_InRankOrder_TopItemsGetTheRoom()
    {
        var items = Ranked(Item("note", BacklogSource.HandoverNote), Item("late", BacklogSource.OverdueCase));
        var agents = new[] { Agent("ann", max: 1) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.Equal("test:late", Assert.Single(result.Assigned).Ranked.TaskId);
        var left = Assert.Single(result.Unassigned);
        Assert.Equal("test:note", left.Ranked.TaskId);
        Assert.Equal("all after_sale agents at capacity", left.Reason);
    }

    [Fact]
    public void Assign_NeverBeyondMaxOpenTasks()
    {
        var items = Ranked([.. Enumerable.Range(0, 10).Select(i => Item($"i{i}"))]);
        var agents = new[] { Agent("ann", max: 5, open: 3), Agent("bob", max: 2) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.Equal(2, result.Assigned.Count(a => a.AgentId == "ann"));
        Assert.Equal(2, result.Assigned.Count(a => a.AgentId == "bob"));
        Assert.Equal(6, result.Unassigned.Count);
    }

    [Fact]
    public void Assign_InactiveAndWrongRoleAgents_AreSkipped()
    {
        var items = Ranked(Item("1"));
        var agents = new[] { Agent("ann", active: false), Agent("bob", roles: Complaints), Agent("cai") };

        Assert.Equal("cai", Assert.Single(TaskAssignment.Assign(items, agents).Assigned).AgentId);
    }

    [Fact]
    public void Assign_NoAgentWithTheRole_ReportsItToSupervisors()
    {
        var items = Ranked(Item("pre", role: SweepRole.PreSale));
        var agents = new[] { Agent("ann"), Agent("sue", roles: Supervisor), Agent("old", active: false, roles: Supervisor) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.Empty(result.Assigned);
        Assert.Equal("no active agent with role pre_sale", Assert.Single(result.Unassigned).Reason);
        Assert.Equal(["sue"], result.ReportTo);
    }

    [Fact]
    public void Assign_ComplaintsAgentsFull_FallsBackToSupervisors()
    {
        var items = Ranked(Item("d1", BacklogSource.EscalatedDispute), Item("d2", BacklogSource.EscalatedDispute), Item("d3", BacklogSource.EscalatedDispute));
        var agents = new[] { Agent("kim", max: 1, roles: Complaints), Agent("sue", max: 1, roles: Supervisor) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.Equal(["kim", "sue"], result.Assigned.Select(a => a.AgentId));
        Assert.Equal("all complaints or supervisor agents at capacity", Assert.Single(result.Unassigned).Reason);
    }

    [Fact]
    public void Assign_NoComplaintsAgentNorSupervisor_SaysSo()
    {
        var result = TaskAssignment.Assign(Ranked(Item("u", BacklogSource.UnhappyFollowUp)), [Agent("ann")]);

        Assert.Equal("no active agent with role complaints or supervisor", Assert.Single(result.Unassigned).Reason);
    }

    [Fact]
    public void Assign_AfterSaleItems_DoNotFallBackToSupervisors()
    {
        var result = TaskAssignment.Assign(Ranked(Item("1")), [Agent("sue", roles: Supervisor)]);

        Assert.Equal("no active agent with role after_sale", Assert.Single(result.Unassigned).Reason);
    }

    [Fact]
    public void Assign_CarriedOverItem_KeepsItsActiveAgentEvenAboveCapacity()
    {
        var items = Ranked(Item("1", assignedTo: "bob"), Item("2"));
        var agents = new[] { Agent("ann", max: 5), Agent("bob", max: 1, open: 1) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.Contains(result.Assigned, a => a is { AgentId: "bob", Kept: true } && a.Ranked.TaskId == "test:1");
        Assert.Contains(result.Assigned, a => a is { AgentId: "ann", Kept: false } && a.Ranked.TaskId == "test:2");
    }

    [Fact]
    public void Assign_CarriedOverToInactiveOrUnknownAgent_IsReassigned()
    {
        var items = Ranked(Item("1", assignedTo: "gone"), Item("2", assignedTo: "off"));
        var agents = new[] { Agent("ann"), Agent("off", active: false) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.All(result.Assigned, a => Assert.Equal(("ann", false), (a.AgentId, a.Kept)));
    }

    [Fact]
    public void Assign_CarriedOverItemsCountTowardsLoad()
    {
        var items = Ranked(Item("1", assignedTo: "ann"), Item("2", assignedTo: "ann"), Item("3"));
        var agents = new[] { Agent("ann"), Agent("bob", open: 1) };

        var result = TaskAssignment.Assign(items, agents);

        Assert.Equal("bob", result.Assigned.Single(a => a.Ranked.TaskId == "test:3").AgentId);
    }

    [Fact]
    public void Assign_ReRunOnItsOwnOutput_ChangesNothing()
    {
        var items = Ranked([.. Enumerable.Range(0, 12).Select(i => Item($"i{i}", (BacklogSource)(i % 11)))]);
        var agents = new[] { Agent("ann", max: 3), Agent("kim", max: 2, roles: Complaints), Agent("sue", max: 2, roles: Supervisor) };

        var first = TaskAssignment.Assign(items, agents);
        var second = TaskAssignment.Assign(first.AsItems(), agents);

        Assert.Equal(first.Assigned.Select(a => (a.Ranked.TaskId, a.AgentId)), second.Assigned.Select(a => (a.Ranked.TaskId, a.AgentId)));
        Assert.Equal(first.Unassigned.Select(u => (u.Ranked.TaskId, u.Reason)), second.Unassigned.Select(u => (u.Ranked.TaskId, u.Reason)));
        Assert.All(second.Assigned, a => Assert.True(a.Kept));
    }

    [Fact]
    public void Assign_SameTaskIdTwice_IsOneTask()
    {
        var copy = BacklogRanking.Score(Item("1"), Now);

        var result = TaskAssignment.Assign([copy, copy], [Agent("ann")]);

        Assert.Single(result.Assigned);
        Assert.Empty(result.Unassigned);
    }

}
