using Automation.Core.Cases;
using Automation.Core.Tasks;

namespace Automation.Core.Tests.Cases;

public class CaseTasksTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_LostParcel_OpensAReshipFirstTask_DueWithTheLogisticsTarget_WithPriorityOne()
    {
        var c = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.LostParcel };

        var task = Assert.Single(CaseTasks.For(c, CaseDeadlines.For(c, ServiceTargets.Default, TimeZoneInfo.Utc, Opened), Opened));

        Assert.Equal(("reship_then_claim:C1001", 1, Opened.AddHours(48)), (task.TaskId, task.Priority, task.DueAt));
        Assert.Equal((TestCases.OrderId, TestCases.CaseId, AgentTaskState.Open), (task.OrderId, task.CaseId, task.State));
        Assert.Contains(task.Evidence, e => e is { Label: "reason", Value: "lost_parcel" });
    }

    [Fact]
    public void For_QualityComplaintWithoutPhotos_OpensOneRequestPhotosTask_AndNoneOnceAPhotoIsThere()
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.Quality };
        var withPhoto = c with { Evidence = [new CaseEvidence(CaseEvidenceType.Photo, "https://img.example/1.jpg", null)] };
        var due = CaseDeadlines.For(c, ServiceTargets.Default, TimeZoneInfo.Utc, Opened);

        var task = Assert.Single(CaseTasks.For(c, due, Opened));

        Assert.Equal((CaseActionKinds.RequestPhotos, "request_photos:C1001"), (task.Kind, task.TaskId));
        Assert.True(task.DueAt > Opened);
        Assert.Empty(CaseTasks.For(withPhoto, due, Opened));
    }

    [Fact]
    public void ClosuresFor_CaseClosed_ClosesEveryFollowUpItOpened_AndItsSweepTask_AsCaseClosed()
    {
        var open = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.Quality };
        var agreed = TestCases.Apply(open, TestCases.Event(CaseKind.ReturnRefund, CaseStatus.AwaitingReturn, Opened.AddHours(1)), Opened.AddHours(1));
        var opened = CaseTasks.For(agreed, CaseDeadlines.For(agreed, ServiceTargets.Default, TimeZoneInfo.Utc, Opened), Opened).Select(t => t.TaskId).ToList();
        var closed = TestCases.Apply(agreed, TestCases.Event(CaseKind.ReturnRefund, CaseStatus.Closed, Opened.AddHours(2)), Opened.AddHours(2));

        var closures = CaseTasks.ClosuresFor(agreed, closed, "after_sale_case:C1001");

        Assert.Equal(2, opened.Count); // request photos, extend the return deadline
        Assert.Equal([.. opened, "after_sale_case:C1001"], closures.Select(c => c.TaskId));
        Assert.All(closures, c => Assert.Equal("case closed", c.Resolution));
    }

    [Fact]
    public void ClosuresFor_PhotosArrive_ClosesOnlyTheRequestPhotosTask_AndLeavesTheSweepTask()
    {
        var c = TestCases.At(CaseKind.ReturnRefund, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.Quality };
        var withPhoto = c with { Evidence = [new CaseEvidence(CaseEvidenceType.Photo, "https://img.example/1.jpg", null)] };

        var closure = Assert.Single(CaseTasks.ClosuresFor(c, withPhoto, "after_sale_case:C1001"));

        Assert.Equal(new TaskClosure("request_photos:C1001", "the buyer sent photos"), closure);
    }

    [Fact]
    public void ClosuresFor_AnEventAfterTheClose_ClosesNothingAgain()
    {
        var open = TestCases.At(CaseKind.RefundOnly, CaseStatus.PendingReview, Opened) with { Reason = CaseReason.LostParcel };
        var closed = TestCases.Apply(open, TestCases.Event(CaseKind.RefundOnly, CaseStatus.Closed, Opened.AddHours(1)), Opened.AddHours(1));

        Assert.Equal(["reship_then_claim:C1001", "after_sale_case:C1001"], CaseTasks.ClosuresFor(open, closed, "after_sale_case:C1001").Select(c => c.TaskId));
        Assert.Empty(CaseTasks.ClosuresFor(closed, closed, "after_sale_case:C1001"));
        Assert.Empty(CaseTasks.ClosuresFor(null, open, null));
    }

    [Fact]
    public void ClosuresFor_RefundedWithoutDispute_ClosesTheSweepTask_ButAnEscalatedOneKeepsIt()
    {
        var approved = TestCases.At(CaseKind.RefundOnly, CaseStatus.Approved, Opened);
        var refunded = TestCases.Apply(approved, TestCases.Event(CaseKind.RefundOnly, CaseStatus.Refunded, Opened.AddHours(1)), Opened.AddHours(1));

        Assert.Equal(new TaskClosure("after_sale_case:C1001", "case refunded"), Assert.Single(CaseTasks.ClosuresFor(approved, refunded, "after_sale_case:C1001")));
        Assert.Empty(CaseTasks.ClosuresFor(approved, refunded, sweepTaskId: null)); // no sweep task was ever opened
        Assert.Empty(CaseTasks.ClosuresFor(approved with { Escalated = true }, refunded with { Escalated = true }, "after_sale_case:C1001"));
    }
}
