using Automation.Core.Agents;
using Automation.Core.Cases;
using Automation.Core.Sweep;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Sweep;

public sealed class MorningSweepPlannerTests
{
    private static readonly DateTimeOffset Now = SweepItems.Now;
    private static readonly DateTimeOffset Noon = Now.AddHours(3);
    private static readonly DateOnly Day = new(2026, 11, 30);

    private static Agent Agent(string id, params AgentRole[] roles) =>
        new(id, id, roles, Active: true, MaxOpenTasks: 20, new AgentChannel(AgentChannelType.Slack, new Uri("https://hooks.slack.com/services/T0/B0/x"), null));

    private static AgentTask Task(string id, string kind, string? assignedTo = null) =>
        new(id, TestOrders.ShopId, kind, "A1", null, null, 3, Now.AddHours(12), AgentTaskState.Open, [new("what", id)], Now.AddHours(-6)) { AssignedTo = assignedTo };

    private static readonly IReadOnlyList<(Case, CaseDue)> NoCases = [];

    [Fact]
    public void Plan_LegalThreat_GoesToASupervisor_AndCustomerWorkToComplaints()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("ann", AgentRole.AfterSale), Agent("cat", AgentRole.Complaints), Agent("sam", AgentRole.Supervisor)] };
        IReadOnlyList<AgentTask> open =
        [
            Task("legal", TaskKinds.ReviewLegalAction) with { Priority = 1 },
            Task("unhappy", TaskKinds.UnhappyFollowUp),
            Task("lost", TaskKinds.ShipmentException),
        ];

        var plan = MorningSweepPlanner.Plan(shop, Day, open, NoCases, Noon, Now);

        var assigned = plan.Assignment.Assigned.ToDictionary(a => a.Ranked.TaskId, a => a.AgentId);
        Assert.Equal("sam", assigned["legal"]);
        Assert.Equal(1, plan.Updates.Single(u => u.TaskId == "legal").Priority); // a review draft ranks 3, but a legal threat stays 1
        Assert.Equal("cat", assigned["unhappy"]);
        Assert.Equal("ann", assigned["lost"]);
        Assert.Empty(plan.NewTasks); // everything was a task already: only merged
        Assert.Equal(3, plan.Updates.Count);
        Assert.All(plan.Updates, u => Assert.StartsWith("score ", u.WhyNow, StringComparison.Ordinal));
        Assert.Equal(["ann", "cat", "sam"], plan.Digests.Select(d => d.Agent.Id).Order(StringComparer.Ordinal));
        Assert.Equal(3, plan.Updates.Single(u => u.TaskId == "lost").Priority); // never made less urgent than opened (3)
    }

    [Fact]
    public void Plan_OverItsOwnResult_ChangesNoAssignment()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("ann", AgentRole.AfterSale), Agent("bob", AgentRole.AfterSale)] };
        IReadOnlyList<AgentTask> open = [.. Enumerable.Range(0, 7).Select(i => Task("t" + i, TaskKinds.ShipmentException))];

        var first = MorningSweepPlanner.Plan(shop, Day, open, NoCases, Noon, Now);
        var afterFirst = open.Select(t => t with { AssignedTo = first.Updates.Single(u => u.TaskId == t.TaskId).AssignedTo }).ToList();
        var second = MorningSweepPlanner.Plan(shop, Day, afterFirst, NoCases, Noon, Now.AddMinutes(15));

        Assert.Equal(first.Updates.Select(u => (u.TaskId, u.AssignedTo)), second.Updates.Select(u => (u.TaskId, u.AssignedTo)));
        Assert.Equal([4, 3], first.Digests.Select(d => d.Entries.Count).OrderDescending());
    }

    [Fact]
    public void Plan_WorkNobodyCanTake_IsListedForTheSupervisor_NotDropped()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("sam", AgentRole.Supervisor)] };

        var plan = MorningSweepPlanner.Plan(shop, Day, [Task("lost", TaskKinds.ShipmentException)], NoCases, Noon, Now);

        var unassigned = Assert.Single(plan.Assignment.Unassigned);
        Assert.Equal("lost", unassigned.Ranked.TaskId);
        var digest = Assert.Single(plan.Digests);
        Assert.Equal("sam", digest.Agent.Id);
        Assert.StartsWith("not assigned: ", Assert.Single(digest.Entries).Reason, StringComparison.Ordinal);
        Assert.Null(Assert.Single(plan.Updates).AssignedTo);
    }

    [Fact]
    public void Plan_HandoverNoteForComplaints_GoesToTheComplaintsAgent()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("ann", AgentRole.AfterSale), Agent("cat", AgentRole.Complaints)] };
        var note = Task("handover_note:n1", SweepTaskKinds.HandoverNote) with { Evidence = [new("note", "Call the buyer of A1 back"), new("role", "complaints")] };

        var plan = MorningSweepPlanner.Plan(shop, Day, [note], NoCases, Noon, Now);

        Assert.Equal("cat", Assert.Single(plan.Assignment.Assigned).AgentId);
    }

    [Fact]
    public void SourceOf_EveryKindTheProductOpens_HasASource()
    {
        string[] kinds =
        [
            TaskKinds.ShipmentException, TaskKinds.DeliveryUnconfirmed, TaskKinds.UnhappyFollowUp, TaskKinds.ReviewReplyApproval,
            TaskKinds.ReviewLegalAction, TaskKinds.ReviewFollowUp, CaseActionKinds.RequestPhotos, CaseActionKinds.ReshipThenClaim,
        ];

        Assert.All(kinds, kind => Assert.NotNull(MorningSweepPlanner.SourceOf(kind)));
        Assert.Equal(BacklogSource.ReviewDraftAwaitingApproval, MorningSweepPlanner.SourceOf(TaskKinds.ReviewReplyApproval));
        Assert.Null(MorningSweepPlanner.SourceOf(SweepTaskKinds.AfterSaleCase));
    }
}
