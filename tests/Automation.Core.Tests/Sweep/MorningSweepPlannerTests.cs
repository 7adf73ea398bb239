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

    private static Case ReturnCase(CaseStatus status) =>
        new(TestOrders.ShopId, "c-1", "o-1", CaseKind.ReturnRefund, status, CaseReason.Quality, null, 420m, "CNY", Now.AddDays(-2), false, null, []);

    private static CaseDue OnTrack() => new(new TargetDue(Now.AddHours(-5), TargetState.Met), new TargetDue(Now.AddDays(1), TargetState.OnTrack));

    [Fact]
    public void Plan_CaseMovedToAnotherStatus_KeepsItsOneTask_UpToDate_AndOpensNoSecond()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("ann", AgentRole.AfterSale), Agent("bob", AgentRole.AfterSale)] };
        var yesterday = MorningSweepPlanner.Plan(shop, Day, [], [(ReturnCase(CaseStatus.Received), OnTrack())], Noon, Now);
        var task = Assert.Single(yesterday.NewTasks) with { AssignedTo = "bob" };

        var today = MorningSweepPlanner.Plan(shop, Day.AddDays(1), [task], [(ReturnCase(CaseStatus.AwaitingRefund), OnTrack())], Noon.AddDays(1), Now.AddDays(1));

        Assert.Equal("after_sale_case:c-1", task.TaskId);
        Assert.Empty(today.NewTasks);
        Assert.Empty(today.Closed);
        var update = Assert.Single(today.Updates);
        Assert.Equal(("after_sale_case:c-1", "bob"), (update.TaskId, update.AssignedTo)); // the same agent keeps the case
        Assert.Contains(new TaskEvidence("case", "return_refund, awaiting_refund"), update.Evidence!);
        Assert.DoesNotContain(new TaskEvidence("case", "return_refund, received"), update.Evidence!);
    }

    [Fact]
    public void Plan_CaseOnTrackOrClosed_ClosesItsStaleTask_WithWhy()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("ann", AgentRole.AfterSale)] };
        var onTrack = ReturnCase(CaseStatus.AwaitingReturn) with { CaseId = "c-2" };
        IReadOnlyList<AgentTask> open =
        [
            Task("after_sale_case:c-2", SweepTaskKinds.AfterSaleCase) with { CaseId = "c-2" },
            Task("after_sale_case:c-3", SweepTaskKinds.AfterSaleCase) with { CaseId = "c-3" },
            Task("after_sale_case:c-1:received", SweepTaskKinds.AfterSaleCase, assignedTo: "ann") with { CaseId = "c-1" }, // one id per status, before
        ];

        var plan = MorningSweepPlanner.Plan(shop, Day, open, [(onTrack, OnTrack()), (ReturnCase(CaseStatus.AwaitingRefund), OnTrack())], Noon, Now);

        Assert.Equal(
            [
                new TaskClosure("after_sale_case:c-2", "no longer needed: case is awaiting_return and on track"),
                new TaskClosure("after_sale_case:c-3", "case closed"),
                new TaskClosure("after_sale_case:c-1:received", "replaced by after_sale_case:c-1"),
            ],
            plan.Closed);
        Assert.Equal(("after_sale_case:c-1", "ann"), (Assert.Single(plan.NewTasks).TaskId, plan.NewTasks[0].AssignedTo));
    }

    [Fact]
    public void IsNewWork_ClosedForAnEarlierStatus_IsNewWork_ButTheSameStatusIsNot()
    {
        var shop = TestShops.Shop() with { Agents = [Agent("ann", AgentRole.AfterSale)] };
        var received = Assert.Single(MorningSweepPlanner.Plan(shop, Day, [], [(ReturnCase(CaseStatus.Received), OnTrack())], Noon, Now).NewTasks);
        var awaitingRefund = Assert.Single(MorningSweepPlanner.Plan(shop, Day, [], [(ReturnCase(CaseStatus.AwaitingRefund), OnTrack())], Noon, Now).NewTasks);
        var done = received with { State = AgentTaskState.Done };

        Assert.True(BacklogItems.IsNewWork(done, awaitingRefund));
        Assert.False(BacklogItems.IsNewWork(done, received));
        Assert.False(BacklogItems.IsNewWork(received, awaitingRefund)); // still open: updated, not reopened
    }
}
