using Automation.Core.Sweep;
using Automation.Core.Tasks;
using static Automation.Core.Tests.Sweep.SweepItems;

namespace Automation.Core.Tests.Sweep;

public class AgentWorklistTests
{
    [Fact]
    public void From_GroupsPerAgentInRankOrder()
    {
        var items = Ranked(
            Item("note", BacklogSource.HandoverNote),
            Item("late", BacklogSource.OverdueCase, due: Now.AddHours(-1)),
            Item("soon", BacklogSource.DueSoonCase, due: Now.AddHours(1)),
            Item("old", BacklogSource.ShipmentException, assignedTo: "bob"),
            Item("angry", BacklogSource.UnhappyFollowUp));
        var agents = new[] { Agent("ann", max: 2), Agent("bob", max: 3), Agent("kim", roles: [SweepRole.Complaints]) };
        var noon = Now.AddHours(3);

        var digests = AgentWorklists.From(TaskAssignment.Assign(items, agents), "shop-1", noon, Now);

        Assert.Equal(["ann", "bob", "kim"], digests.Select(d => d.AgentId));
        // bob carries one over, so ann (0) takes "late", then both have 1: ann by id takes "soon", bob the note.
        Assert.Equal(["test:late", "test:soon"], digests[0].Tasks.Select(t => t.TaskId));
        Assert.Equal(["test:old", "test:note"], digests[1].Tasks.Select(t => t.TaskId));
        Assert.Equal(["test:angry"], digests[2].Tasks.Select(t => t.TaskId));
        Assert.All(digests, d => Assert.All(d.Tasks, t => Assert.Equal(d.AgentId, t.AssignedTo)));
        Assert.Equal([1, 1], digests[0].Tasks.Select(t => t.Priority));
        Assert.Equal(noon, digests[1].Tasks[1].DueAt);
    }

    [Fact]
    public void ForOpenTasks_OrdersByPriorityThenDueThenId_AndSkipsDoneAndUnassigned()
    {
        var tasks = new[]
        {
            Task("c", 2, Now.AddHours(2), "ann"),
            Task("b", 2, Now.AddHours(1), "ann"),
            Task("a", 3, Now, "ann"),
            Task("z", 1, Now.AddDays(1), "ann"),
            Task("done", 1, Now, "ann", AgentTaskState.Done),
            Task("nobody", 1, Now, null),
            Task("y", 2, Now.AddHours(1), "ann"),
        };

        var digest = Assert.Single(AgentWorklists.ForOpenTasks(tasks));

        Assert.Equal(["z", "b", "y", "c", "a"], digest.Tasks.Select(t => t.TaskId));
    }

    private static AgentTask Task(string id, int priority, DateTimeOffset due, string? agent, AgentTaskState state = AgentTaskState.Open)
        => new(id, "shop-1", "test", null, null, null, priority, due, state, [], Now) { AssignedTo = agent };
}
